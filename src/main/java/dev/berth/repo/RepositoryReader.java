package dev.berth.repo;

import dev.berth.unit.UnitKind;
import dev.berth.unit.UnitName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a checked-out repository into the state it asks for. Never throws for what the repository holds:
 * everything wrong with it becomes a {@link Problem}. What it reads:
 * <ul>
 *   <li>every unit file in any folder (by extension, see {@link UnitKind}); {@code .git} is skipped and
 *       other files are only read when a unit uses them. Symlinks to unit files inside the repository are
 *       units too ({@code web@blue.container -> web@.container} makes an instance).</li>
 *   <li>drop-ins, per {@link DropInResolver}: from the unit's folder and the repository root</li>
 *   <li>supporting files, per {@link SupportingPaths}</li>
 *   <li>references to other units, per {@link UnitReferences}, and {@code [X-Berth]} options</li>
 * </ul>
 * Rules that look across units (duplicates, missing references, cycles) are in {@code dev.berth.validate}.
 */
public final class RepositoryReader {

    private final ValidationLimits limits;

    private RepositoryReader(ValidationLimits limits) {
        this.limits = limits;
    }

    public static RepositoryScan read(Path root) {
        return read(root, ValidationLimits.DEFAULTS);
    }

    public static RepositoryScan read(Path root, ValidationLimits limits) {
        return readRemembering(root, limits).scan();
    }

    /** A full read, with what it learned for {@link #readChanged}. */
    public static RepositoryReading readRemembering(Path root, ValidationLimits limits) {
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            problems.add(Problem.error(".", 0, root + " is not a folder: give the path of a repository checkout"));
            return new RepositoryReading(new RepositoryScan(DesiredState.empty(), problems, List.of(), List.of()), null,
                    RepositoryReading.Kind.FULL);
        }
        RepositoryTree tree;
        try {
            tree = RepositoryTree.scan(root);
        } catch (IOException e) {
            problems.add(Problem.error(".", 0, "cannot read the repository at " + root + " (" + e + "): check its permissions"));
            return new RepositoryReading(new RepositoryScan(DesiredState.empty(), problems, List.of(), List.of()), null,
                    RepositoryReading.Kind.FULL);
        }
        return new RepositoryReader(limits).scan(tree, problems, Reuse.NOTHING, RepositoryReading.Kind.FULL);
    }

    /**
     * Reads the checkout at {@code root} again after it was replaced by another commit's export, reading only
     * {@code changed} (the paths git's tree diff names, relative to the checkout) and taking every other file's
     * parse and hash from {@code earlier}. The result is the scan a full read would give. When anything is in
     * doubt (see {@link TreePatch}) it is a full read. Both use the limits {@code earlier} was read with.
     */
    public static RepositoryReading readChanged(Path root, ReadMemo earlier, Set<String> changed) {
        Optional<RepositoryTree> tree = earlier == null ? Optional.empty() : TreePatch.apply(earlier.tree, root, changed);
        if (tree.isEmpty()) {
            return readRemembering(root, earlier == null ? ValidationLimits.DEFAULTS : earlier.limits);
        }
        RepositoryReader reader = new RepositoryReader(earlier.limits);
        if (tree.get() == earlier.tree && earlier.units != null) { // the same files, some of them with new content
            Optional<RepositoryReading> units = ChangedUnits.read(reader, earlier.limits, earlier, changed);
            if (units.isPresent()) {
                return units.get();
            }
        }
        return reader.scan(tree.get(), new ArrayList<>(),
                new Reuse(earlier.parsed, earlier.digests, changed), RepositoryReading.Kind.CHANGED_ONLY);
    }

    private RepositoryReading scan(RepositoryTree tree, List<Problem> problems, Reuse reuse, RepositoryReading.Kind kind) {
        List<Problem> global = problems; // of the tree and of no single unit or file
        global.addAll(tree.problems());
        reportLinks(tree, global);

        Map<String, UnitName> found = findUnits(tree, global);
        UnitLoader loader = new UnitLoader(tree, limits, reuse);
        List<LoadedUnit> loaded = loader.loadAll(found, new ArrayList<>()); // the files' problems are in loader.parsed()

        List<List<Problem>> problemsOfEach = new ArrayList<>(loaded.size());
        List<String> systemdNames = new ArrayList<>(loaded.size());
        List<Map.Entry<String, String>> names = new ArrayList<>();
        for (LoadedUnit u : loaded) {
            List<Problem> own = new ArrayList<>(0);
            String systemd = SystemdNames.of(u.name(), u.unit(), own);
            problemsOfEach.add(own);
            systemdNames.add(systemd);
            names.add(new AbstractMap.SimpleEntry<>(u.name().fileName(), systemd));
        }
        Set<String> allFileNames = new HashSet<>();
        found.values().forEach(n -> allFileNames.add(n.fileName()));
        tree.escapingLinks().keySet().forEach(l -> allFileNames.add(RepoPaths.fileName(l)));
        tree.brokenLinks().forEach(l -> allFileNames.add(RepoPaths.fileName(l)));
        DependencyIndex index = DependencyIndex.of(names, allFileNames);

        // finding references is per unit and touches nothing shared: worth both cores at 10,000 units
        List<UnitAssembly.Resolved> resolved = loaded.parallelStream()
                .map(u -> UnitAssembly.resolve(u, UnitReferences.of(u.name(), u.path(), u.unit()), index))
                .toList();
        Set<String> triggeredByRepo = new HashSet<>();
        resolved.forEach(r -> triggeredByRepo.addAll(r.triggers()));

        Map<String, String> secretFiles = SecretFiles.index(tree, global);
        SupportingFileCollector collector = new SupportingFileCollector(tree, limits, secretFiles, reuse);
        Map<String, String> known = loader.digestsRead();
        List<SupportingFileCollector.UnitSupport> support = collector.collectAll(loaded, known::get);
        List<RepoUnit> units = new ArrayList<>(loaded.size());
        List<UnitFacts> facts = new ArrayList<>(loaded.size());
        Map<String, RepoUnit> desiredUnits = new TreeMap<>();
        Map<String, InstalledFile> files = new TreeMap<>();
        for (int i = 0; i < loaded.size(); i++) {
            LoadedUnit u = loaded.get(i);
            List<Problem> own = problemsOfEach.get(i);
            own.addAll(support.get(i).problems());
            UnitAssembly.Built built = UnitAssembly.build(u, systemdNames.get(i), resolved.get(i).dependsOn(),
                    triggeredByRepo.contains(u.name().fileName()), support.get(i), own);
            RepoUnit unit = built.unit();
            units.add(unit);
            if (desiredUnits.putIfAbsent(unit.fileName(), unit) == null) {
                for (InstalledFile f : built.installed()) {
                    files.putIfAbsent(f.target(), f);
                }
            }
            facts.add(new UnitFacts(loader.dropInCandidates().get(i), resolved.get(i).triggers(), support.get(i).files(),
                    own, built.installed()));
        }
        reportUnusedDropInFolders(tree, units, global);
        DesiredState desired = new DesiredState(desiredUnits, files);
        List<String> unitPaths = List.copyOf(found.keySet());
        Set<String> unreadable = new HashSet<>(found.keySet());
        units.forEach(u -> unreadable.remove(u.path()));
        UnitsMemo memo = new UnitsMemo(units, facts, UnitsMemo.usersOf(units, facts), unreadable, global, index,
                triggeredByRepo, secretFiles, desired, unitPaths);
        return reading(tree, memo, loader.parsed(), collector.hashed(), kind);
    }

    /** The scan of a read, all its problems gathered, with what it learned for the next read. */
    RepositoryReading reading(RepositoryTree tree, UnitsMemo memo, Map<String, ParsedFile> parsed,
                              Map<String, FileDigest> hashed, RepositoryReading.Kind kind) {
        List<Problem> all = new ArrayList<>(memo.global());
        parsed.values().forEach(p -> all.addAll(p.problems()));
        memo.facts().forEach(f -> all.addAll(f.problems()));
        RepositoryScan scan = new RepositoryScan(memo.desired(), all, memo.units(), memo.unitPaths(), tree);
        return new RepositoryReading(scan, new ReadMemo(limits, tree, parsed, hashed, memo), kind);
    }

    /** Unit files by path, sorted; files with a unit extension but an invalid name are reported, not read. */
    private static Map<String, UnitName> findUnits(RepositoryTree tree, List<Problem> problems) {
        Map<String, UnitName> found = new TreeMap<>();
        for (String f : tree.files()) {
            String fileName = RepoPaths.fileName(f);
            if (UnitKind.ofFileName(fileName).isEmpty() || DropInResolver.looksLikeDropInFolder(RepoPaths.fileName(RepoPaths.parent(f)))) {
                continue;
            }
            Optional<UnitName> name = UnitName.parse(fileName);
            Optional<String> unsafe = name.flatMap(n -> UnitName.problemWith(fileName));
            if (unsafe.isPresent()) { // systemd would load it, so it may not be skipped quietly: the commit is refused
                problems.add(Problem.error(f, 0, unsafe.get()));
                continue;
            }
            name.ifPresentOrElse(n -> found.put(f, n), () -> problems.add(Problem.warning(f, 0,
                    "'" + fileName + "' is not a valid unit name, so systemd and quadlet ignore it: use only letters,"
                            + " digits and : - _ . \\ with at most one @ before the extension")));
        }
        return found;
    }

    /** Symlinks that leave the repository or lead nowhere matter when they carry a unit's or drop-in's name. */
    private static void reportLinks(RepositoryTree tree, List<Problem> problems) {
        problems.addAll(tree.linkProblems(RepositoryReader::isUnitOrDropIn, "installs"));
    }

    private static boolean isUnitOrDropIn(String path) {
        return UnitKind.ofFileName(RepoPaths.fileName(path)).isPresent()
                || path.endsWith(".conf") && DropInResolver.looksLikeDropInFolder(RepoPaths.fileName(RepoPaths.parent(path)));
    }

    private static void reportUnusedDropInFolders(RepositoryTree tree, List<RepoUnit> units, List<Problem> problems) {
        Set<String> used = new HashSet<>();
        units.forEach(u -> u.dropIns().forEach(d -> used.add(RepoPaths.parent(d))));
        for (String dir : tree.directories()) {
            if (DropInResolver.looksLikeDropInFolder(RepoPaths.fileName(dir)) && !used.contains(dir)
                    && !DropInResolver.confFilesIn(dir, tree).isEmpty()) {
                problems.add(Problem.warning(dir, 0, "drop-in folder applies to no unit: Berth applies drop-ins from"
                        + " folders next to their unit or at the repository root; move it there or remove it"));
            }
        }
    }
}

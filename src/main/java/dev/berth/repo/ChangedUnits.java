package dev.berth.repo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The read of a commit that only changed the content of files the earlier read listed (no file added or
 * removed): only the units that read a changed path are built again, every other unit is the earlier read's
 * own {@link RepoUnit}, and the parts that look across units are kept. That is the full read's result as
 * long as no rebuilt unit reaches past itself; when one does, the answer is empty and the caller makes the
 * full read (with the unchanged files' parses and hashes still reused). A rebuilt unit reaches past itself
 * when its file no longer reads, its systemd name changes (references resolve by it), it triggers other units
 * (their AutoStart default), its references name other files (who reads what), its drop-ins that apply
 * change (the unused drop-in folder warning), or what it installs changes or is shared with a unit that is
 * not rebuilt (the first unit installing a file wins). A changed {@code .age} file or a unit file that
 * could not be read before is a doubt too.
 */
final class ChangedUnits {

    private ChangedUnits() {
    }

    static Optional<RepositoryReading> read(RepositoryReader reader, ValidationLimits limits, ReadMemo earlier,
                                            Set<String> changed) {
        UnitsMemo m = earlier.units;
        TreeSet<Integer> dirty = new TreeSet<>();
        for (String path : changed) {
            if (path.endsWith(SecretFiles.EXTENSION) || m.unreadable().contains(path)) {
                return Optional.empty();
            }
            int[] users = m.usersOf().get(path);
            if (users != null) {
                for (int at : users) {
                    dirty.add(at);
                }
            }
        }
        Reuse reuse = new Reuse(earlier.parsed, earlier.digests, changed);
        UnitLoader loader = new UnitLoader(earlier.tree, limits, reuse);
        List<Integer> positions = List.copyOf(dirty);
        List<LoadedUnit> loaded = new ArrayList<>(positions.size());
        List<List<Problem>> problemsOfEach = new ArrayList<>(positions.size());
        List<UnitAssembly.Resolved> resolved = new ArrayList<>(positions.size());
        for (int at : positions) {
            RepoUnit old = m.units().get(at);
            UnitFacts facts = m.facts().get(at);
            Optional<LoadedUnit> again = loader.reload(old.path(), old.name(), facts.dropInCandidates());
            if (again.isEmpty()) {
                return Optional.empty();
            }
            LoadedUnit u = again.get();
            List<Problem> own = new ArrayList<>(0);
            UnitAssembly.Resolved r = UnitAssembly.resolve(u, UnitReferences.of(u.name(), u.path(), u.unit()), m.index());
            if (!SystemdNames.of(u.name(), u.unit(), own).equals(old.systemdName()) || !r.triggers().equals(facts.triggers())) {
                return Optional.empty();
            }
            loaded.add(u);
            problemsOfEach.add(own);
            resolved.add(r);
        }
        Map<String, ParsedFile> parsed = new HashMap<>(earlier.parsed);
        parsed.putAll(loader.parsed());
        Function<String, String> known = path -> {
            ParsedFile p = parsed.get(path);
            return p == null ? null : p.sha256().orElse(null);
        };
        SupportingFileCollector collector = new SupportingFileCollector(earlier.tree, limits, m.secretFiles(), reuse);
        List<SupportingFileCollector.UnitSupport> support = collector.collectAll(loaded, known);

        List<RepoUnit> units = new ArrayList<>(m.units());
        List<UnitFacts> facts = new ArrayList<>(m.facts());
        TreeMap<String, RepoUnit> desiredUnits = new TreeMap<>(m.desired().units());
        TreeMap<String, InstalledFile> files = new TreeMap<>(m.desired().files());
        for (int i = 0; i < positions.size(); i++) {
            int at = positions.get(i);
            RepoUnit old = m.units().get(at);
            UnitFacts before = m.facts().get(at);
            LoadedUnit u = loaded.get(i);
            if (!support.get(i).files().equals(before.supportingFiles())) {
                return Optional.empty();
            }
            List<Problem> own = problemsOfEach.get(i);
            own.addAll(support.get(i).problems());
            UnitAssembly.Built built = UnitAssembly.build(u, old.systemdName(), resolved.get(i).dependsOn(),
                    m.triggeredByRepo().contains(u.name().fileName()), support.get(i), own);
            if (!built.unit().dropIns().equals(old.dropIns())) {
                return Optional.empty();
            }
            if (m.desired().units().get(old.fileName()) == old) { // the unit of its file name: it installs
                if (!ownsAlone(before.installed(), built.installed(), m.desired().files())) {
                    return Optional.empty();
                }
                desiredUnits.put(old.fileName(), built.unit());
                built.installed().forEach(f -> files.put(f.target(), f));
            }
            units.set(at, built.unit());
            facts.set(at, new UnitFacts(before.dropInCandidates(), before.triggers(), before.supportingFiles(), own,
                    built.installed()));
        }
        Map<String, FileDigest> hashed = new HashMap<>(earlier.digests);
        hashed.putAll(collector.hashed());
        UnitsMemo next = new UnitsMemo(units, facts, m.usersOf(), m.unreadable(), m.global(), m.index(), m.triggeredByRepo(),
                m.secretFiles(), new DesiredState(desiredUnits, files), m.unitPaths());
        return Optional.of(reader.reading(earlier.tree, next, parsed, hashed, RepositoryReading.Kind.CHANGED_UNITS));
    }

    /**
     * True when the unit installs the same targets as before and installed each of them itself (another unit
     * installing the same target first would have won it): then its new files simply replace its old ones.
     */
    private static boolean ownsAlone(List<InstalledFile> before, List<InstalledFile> now, Map<String, InstalledFile> installed) {
        if (before.size() != now.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).target().equals(now.get(i).target()) || !before.get(i).equals(installed.get(before.get(i).target()))) {
                return false;
            }
        }
        return true;
    }
}

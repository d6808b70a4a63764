package dev.berth.repo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns a unit's {@link PathReference}s into the repository files behind them, checking that each exists,
 * stays inside the repository and is not too large, and hashes each file once per read of the repository:
 * a folder bind-mounted by many units, or a unit file that is also in a build context, is read once.
 *
 * <p>Finding each unit's files and hashing them are independent from unit to unit and from file to file,
 * so both run in parallel; results are gathered in unit and path order.
 */
final class SupportingFileCollector {

    private final RepositoryTree tree;
    private final ValidationLimits limits;
    /** Secret name → its {@code .age} file, see {@link SecretFiles}. */
    private final Map<String, String> secretFiles;
    private final Reuse reuse;
    private final Map<String, FileDigest> hashed = new HashMap<>();

    SupportingFileCollector(RepositoryTree tree, ValidationLimits limits, Map<String, String> secretFiles, Reuse reuse) {
        this.tree = tree;
        this.limits = limits;
        this.secretFiles = secretFiles;
        this.reuse = reuse;
    }

    /** Every supporting file this read hashed (or reused), by repository path: for the next read's {@link Reuse}. */
    Map<String, FileDigest> hashed() {
        return hashed;
    }

    /**
     * For each unit, in order: its supporting files with their sha256, and the problems with them.
     *
     * @param known sha256 of files already read (unit files and drop-ins) by repository path, null for others:
     *              those are not read again
     */
    List<UnitSupport> collectAll(List<LoadedUnit> units, Function<String, String> known) {
        List<Found> found = units.parallelStream().map(this::filesOf).toList();
        SortedSet<String> toHash = new TreeSet<>();
        for (Found f : found) {
            f.files().stream().filter(p -> known.apply(p) == null).forEach(toHash::add);
        }
        List<String> paths = List.copyOf(toHash);
        // a file unchanged since the earlier read hashes as it did then
        List<FileDigest> results = paths.parallelStream().map(p -> reuse.digest(p).orElseGet(() -> digest(p))).toList();
        for (int i = 0; i < paths.size(); i++) {
            hashed.put(paths.get(i), results.get(i));
        }
        List<UnitSupport> out = new ArrayList<>(found.size());
        for (Found f : found) {
            // a file's own problems go with every unit that uses it: the scan keeps each problem once
            List<Problem> problems = new ArrayList<>(f.problems());
            Map<String, String> ofUnit = new TreeMap<>();
            for (String path : f.files()) {
                String sha = known.apply(path);
                if (sha == null) {
                    FileDigest d = hashed.get(path);
                    problems.addAll(d.problems());
                    sha = d.sha256().orElse(null);
                }
                if (sha != null) {
                    ofUnit.put(path, sha);
                }
            }
            out.add(new UnitSupport(ofUnit, List.copyOf(f.files()), problems));
        }
        return out;
    }

    /**
     * A unit's supporting files.
     *
     * @param digests  sha256 by repository path of those that could be read, sorted by path
     * @param files    every file its references name, readable or not, sorted: what its result depends on
     * @param problems with its references and with those files
     */
    record UnitSupport(Map<String, String> digests, List<String> files, List<Problem> problems) {
    }

    /** A unit's supporting files (sorted) and the problems with its references; touches no shared state. */
    private Found filesOf(LoadedUnit unit) {
        List<Problem> problems = new ArrayList<>();
        SortedSet<String> files = new TreeSet<>();
        for (PathReference ref : SupportingPaths.of(unit.name(), unit.path(), unit.unit())) {
            files.addAll(filesOf(ref, RepoPaths.parent(unit.path()), problems));
        }
        // Secret=NAME with no NAME.age in the repository is a secret the host manages itself
        SecretFiles.usedBy(unit.name(), unit.unit()).stream()
                .map(secretFiles::get).filter(java.util.Objects::nonNull).forEach(files::add);
        files.removeAll(unit.digests().keySet()); // a build context holding the unit itself: counted once
        return new Found(files, problems);
    }

    private List<String> filesOf(PathReference ref, String unitDir, List<Problem> problems) {
        var e = ref.entry();
        String setting = e.key() + "=" + ref.written();
        if (ref.usesSpecifier()) {
            problems.add(Problem.warning(e.file(), e.line(), setting + " uses a systemd specifier (%): Berth cannot tell"
                    + " which file that is, so changing it will not restart the unit; write the path without specifiers"));
            return List.of();
        }
        if (ref.resolved().isEmpty()) {
            problems.add(Problem.error(e.file(), e.line(), setting + " points outside the repository: keep the files a unit"
                    + " uses inside the repository (relative paths start at the unit's folder), or use an absolute host path"));
            return List.of();
        }
        String rel = ref.resolved().get();
        String shown = rel.isEmpty() ? "the repository root" : rel;
        if (tree.escapingLinks().containsKey(rel)) {
            problems.add(Problem.error(e.file(), e.line(), setting + ": " + rel + " is a symlink to "
                    + tree.escapingLinks().get(rel) + ", outside the repository: copy the file into the repository"));
            return List.of();
        }
        if (tree.brokenLinks().contains(rel)) {
            problems.add(Problem.error(e.file(), e.line(), setting + ": " + rel + " is a symlink to nothing: fix or remove the link"));
            return List.of();
        }
        if (tree.isFile(rel)) {
            if (ref.shape() == PathReference.Shape.DIRECTORY) {
                problems.add(Problem.error(e.file(), e.line(), setting + ": " + rel + " is a file, but a folder is expected"));
                return List.of();
            }
            return List.of(rel);
        }
        if (tree.isDirectory(rel)) {
            if (ref.shape() == PathReference.Shape.FILE) {
                problems.add(Problem.error(e.file(), e.line(), setting + ": " + shown + " is a folder, but a file is expected"));
                return List.of();
            }
            String prefix = rel.isEmpty() ? "" : rel + "/";
            tree.escapingLinks().forEach((link, target) -> {
                if (link.startsWith(prefix)) {
                    problems.add(Problem.error(e.file(), e.line(), setting + ": " + link + " in that folder is a symlink to "
                            + target + ", outside the repository: copy the file into the repository"));
                }
            });
            return tree.filesUnder(rel);
        }
        problems.add(Problem.error(e.file(), e.line(), setting + ": " + rel + " does not exist in the repository: add it"
                + " or fix the path (relative paths start at " + (unitDir.isEmpty() ? "the repository root" : unitDir + "/") + ")"));
        return List.of();
    }

    /** Size check and hash of one file, through one open file; touches no shared state. */
    private FileDigest digest(String rel) {
        // one open file for the size check and the hash: on a large checkout every system call counts
        try (FileChannel channel = FileChannel.open(tree.resolve(rel))) {
            long size = channel.size();
            if (size > limits.maxSupportingBytes()) {
                return new FileDigest(Optional.empty(), List.of(Problem.error(rel, 0, "is " + size + " bytes, more than the limit of "
                        + limits.maxSupportingBytes() + " bytes for files a unit uses: keep large data out of the repository"
                        + " (use a volume or an image)")));
            }
            return new FileDigest(Optional.of(Sha256.of(channel, size)), List.of());
        } catch (IOException ex) {
            return new FileDigest(Optional.empty(), List.of(Problem.error(rel, 0, "cannot be read (" + ex.getClass().getSimpleName()
                    + "): check its permissions")));
        }
    }

    private record Found(SortedSet<String> files, List<Problem> problems) {
    }
}

package dev.berth.repo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Turns a unit's {@link PathReference}s into the repository files behind them, checking that each exists,
 * stays inside the repository and is not too large, and hashes each file once.
 */
final class SupportingFileCollector {

    private final RepositoryTree tree;
    private final ValidationLimits limits;
    private final List<Problem> problems;
    private final Map<String, Optional<String>> digests = new HashMap<>();

    SupportingFileCollector(RepositoryTree tree, ValidationLimits limits, List<Problem> problems) {
        this.tree = tree;
        this.limits = limits;
        this.problems = problems;
    }

    /** The sha256 of each supporting file by repository path, sorted by path. */
    Map<String, String> collect(LoadedUnit unit) {
        SortedSet<String> files = new TreeSet<>();
        for (PathReference ref : SupportingPaths.of(unit.name(), unit.path(), unit.unit())) {
            files.addAll(filesOf(ref, RepoPaths.parent(unit.path())));
        }
        files.removeAll(unit.digests().keySet()); // a build context holding the unit itself: counted once
        Map<String, String> out = new java.util.TreeMap<>();
        for (String f : files) {
            digest(f).ifPresent(d -> out.put(f, d));
        }
        return out;
    }

    private List<String> filesOf(PathReference ref, String unitDir) {
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

    private Optional<String> digest(String rel) {
        return digests.computeIfAbsent(rel, f -> {
            // one open file for the size check and the hash: on a large checkout every system call counts
            try (FileChannel channel = FileChannel.open(tree.resolve(f))) {
                long size = channel.size();
                if (size > limits.maxSupportingBytes()) {
                    problems.add(Problem.error(f, 0, "is " + size + " bytes, more than the limit of " + limits.maxSupportingBytes()
                            + " bytes for files a unit uses: keep large data out of the repository (use a volume or an image)"));
                    return Optional.empty();
                }
                return Optional.of(Sha256.of(channel));
            } catch (IOException ex) {
                problems.add(Problem.error(f, 0, "cannot be read (" + ex.getClass().getSimpleName() + "): check its permissions"));
                return Optional.empty();
            }
        });
    }
}

package dev.berth.git;

import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The paths whose blob differs between two commits, under the followed folder, from git's tree diff: subtrees
 * with the same id are skipped without being opened, so the cost grows with the change, not the repository.
 * Anything but plain files on either side (a symlink, a submodule) makes the answer "unknown": a symlink's
 * meaning depends on other paths, so only a full read can tell what changed through it.
 */
final class TreeChanges {
    private final Repository repo;

    TreeChanges(Repository repo) {
        this.repo = repo;
    }

    /** Paths relative to {@code subPath} that were added, removed or changed; empty when unknown. */
    Optional<Set<String>> between(String from, String to, String subPath) throws IOException {
        String prefix = TreeExport.normalizeSubPath(subPath);
        Set<String> changed = new HashSet<>();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader); TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(walk.parseCommit(ObjectId.fromString(from)).getTree());
            tw.addTree(walk.parseCommit(ObjectId.fromString(to)).getTree());
            tw.setRecursive(true);
            tw.setFilter(prefix.isEmpty() ? TreeFilter.ANY_DIFF : AndTreeFilter.create(PathFilter.create(prefix), TreeFilter.ANY_DIFF));
            while (tw.next()) {
                if (!plainOrMissing(tw.getFileMode(0)) || !plainOrMissing(tw.getFileMode(1))) {
                    return Optional.empty();
                }
                String path = tw.getPathString();
                if (prefix.isEmpty()) {
                    changed.add(path);
                } else if (path.length() > prefix.length() && path.startsWith(prefix + "/")) {
                    changed.add(path.substring(prefix.length() + 1));
                } else {
                    return Optional.empty(); // the followed folder itself became or stopped being a file
                }
            }
        }
        return Optional.of(Set.copyOf(changed));
    }

    private static boolean plainOrMissing(FileMode mode) {
        return mode == FileMode.MISSING || mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }
}

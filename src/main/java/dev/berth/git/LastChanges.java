package dev.berth.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * For every file of a commit's tree at once, the newest commit that changed it: one walk back through history, each
 * commit compared with its parents only where the files still unanswered are ({@code git log -1 -- FILE} for each
 * file would walk history once per file: 500 walks for 500 units). A commit changed a file when the file's content or
 * mode differs from every parent's (as git's history simplification counts a merge); a root commit changed all it has.
 */
public final class LastChanges {
    /** How far back the walk goes: files older than that are shown without their last change. */
    static final int MAX_COMMITS = 20_000;

    private LastChanges() {
    }

    /**
     * @param subPath the followed folder ("" for all of the repository); paths are given and returned relative to it
     * @return for each file under {@code subPath} in {@code commit}, its last change; files not found within
     *         {@link #MAX_COMMITS} commits are missing
     */
    public static Map<String, LastChange> of(GitSource source, String commit, String subPath) throws GitException {
        String prefix = TreeExport.normalizeSubPath(subPath);
        Repository repo = source.repository();
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit start = walk.parseCommit(ObjectId.fromString(commit));
            Set<String> open = files(repo, start, prefix);
            Map<String, LastChange> found = new HashMap<>();
            walk.markStart(start);
            int seen = 0;
            for (RevCommit c = walk.next(); c != null && !open.isEmpty() && seen++ < MAX_COMMITS; c = walk.next()) {
                for (String path : changedIn(repo, walk, c, open)) {
                    open.remove(path);
                    found.put(prefix.isEmpty() ? path : path.substring(prefix.length() + 1), new LastChange(c.getName(), c.getCommitTime()));
                }
            }
            return found;
        } catch (IOException | RuntimeException e) {
            throw new GitException("cannot read the history of " + commit + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> files(Repository repo, RevCommit commit, String prefix) throws IOException {
        Set<String> out = new HashSet<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            if (!prefix.isEmpty()) {
                tw.setFilter(PathFilter.create(prefix));
            }
            while (tw.next()) {
                out.add(tw.getPathString());
            }
        }
        return out;
    }

    /** The files of {@code open} that {@code c} changed: different from each parent's (or new in a root commit). */
    private static List<String> changedIn(Repository repo, RevWalk walk, RevCommit c, Set<String> open) throws IOException {
        List<String> changed = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(c.getTree());
            for (RevCommit p : c.getParents()) {
                tw.addTree(walk.parseCommit(p).getTree()); // already parsed by the walk: this only returns it
            }
            tw.setRecursive(true);
            TreeFilter paths = PathFilterGroup.createFromStrings(open);
            tw.setFilter(c.getParentCount() == 0 ? paths : AndTreeFilter.create(paths, TreeFilter.ANY_DIFF));
            while (tw.next()) {
                if (open.contains(tw.getPathString()) && differsFromEveryParent(tw)) {
                    changed.add(tw.getPathString());
                }
            }
        }
        return changed;
    }

    private static boolean differsFromEveryParent(TreeWalk tw) {
        for (int i = 1; i < tw.getTreeCount(); i++) {
            if (tw.idEqual(0, i) && tw.getRawMode(0) == tw.getRawMode(i)) {
                return false;
            }
        }
        return true;
    }
}

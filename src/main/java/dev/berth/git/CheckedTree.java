package dev.berth.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The files of a commit under a folder, checked as a whole before any of them is written: safe names
 * ({@link TreePaths}), nothing written through a link or a file of the same tree, and the export limits.
 * Sizes come from the object headers, so a huge file is refused without being read.
 */
final class CheckedTree {

    /** One file or symlink to write: its path relative to the export folder. */
    record Entry(String path, FileMode mode, ObjectId id) {
    }

    private CheckedTree() {
    }

    /** @param prefix the followed folder ("" = the whole tree), already normalised */
    static List<Entry> read(Repository repo, RevTree tree, String prefix, GitLimits limits)
            throws IOException, UnsafeTreeException {
        List<Entry> entries = new ArrayList<>();
        Set<String> written = new HashSet<>();
        long total = 0;
        try (ObjectReader reader = repo.newObjectReader(); TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(tree);
            tw.setRecursive(true);
            if (!prefix.isEmpty()) {
                tw.setFilter(PathFilter.create(prefix));
            }
            while (tw.next()) {
                String path = tw.getPathString();
                String rel = prefix.isEmpty() ? path : path.substring(Math.min(path.length(), prefix.length() + 1));
                if (rel.isEmpty()) {
                    continue;
                }
                if (TreePaths.problem(path).isPresent()) {
                    throw new UnsafeTreeException(TreePaths.problem(path).get());
                }
                FileMode mode = tw.getFileMode(0);
                if (mode == FileMode.GITLINK) {
                    continue; // submodules are not followed
                }
                for (int slash = rel.indexOf('/'); slash > 0; slash = rel.indexOf('/', slash + 1)) {
                    if (written.contains(rel.substring(0, slash))) {
                        throw new UnsafeTreeException("'" + path + "' would be written through '" + rel.substring(0, slash)
                                + "', a file or symlink of the same tree (two entries of one name)");
                    }
                }
                if (!written.add(rel)) {
                    throw new UnsafeTreeException("'" + path + "' is in the tree twice");
                }
                if (entries.size() >= limits.maxExportFiles()) {
                    throw new UnsafeTreeException("it holds more than " + limits.maxExportFiles()
                            + " files, the limit for one checkout: keep generated or bulk data out of the repository");
                }
                ObjectId id = tw.getObjectId(0);
                long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
                if (size > limits.maxFileBytes()) {
                    throw new UnsafeTreeException("'" + path + "' is " + size + " bytes, over the limit of "
                            + GitLimits.size(limits.maxFileBytes()) + " for one file: keep large data out of the"
                            + " repository (use a volume or an image)");
                }
                total += size;
                if (total > limits.maxExportBytes()) {
                    throw new UnsafeTreeException("its files add up to more than " + GitLimits.size(limits.maxExportBytes())
                            + ", the limit for one checkout (reached at '" + path + "'): keep large data out of the"
                            + " repository (use a volume or an image)");
                }
                entries.add(new Entry(rel, mode, id));
            }
        }
        return entries;
    }
}

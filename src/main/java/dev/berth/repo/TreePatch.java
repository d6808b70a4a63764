package dev.berth.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tree of the next commit's checkout from the previous one and the paths git says changed, without
 * listing the whole checkout again: each changed path is looked up on disk (a regular file now, or gone).
 * Anything else is a doubt, answered with empty so that the caller lists everything: a previous tree with
 * symlinks or unreadable entries, a changed path that is now a folder, a symlink or unreadable, a path
 * that is not a plain relative one, or a checkout somewhere else.
 */
final class TreePatch {

    private TreePatch() {
    }

    static Optional<RepositoryTree> apply(RepositoryTree previous, Path root, Set<String> changed) {
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!previous.plain() || !previous.root().equals(realRoot)) {
            return Optional.empty();
        }
        Set<String> present = new HashSet<>();
        for (String path : changed) {
            if (!plainRelative(path)) {
                return Optional.empty();
            }
            try {
                BasicFileAttributes attrs = Files.readAttributes(realRoot.resolve(path), BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (!attrs.isRegularFile()) {
                    return Optional.empty();
                }
                present.add(path);
            } catch (NoSuchFileException gone) {
                // removed in the new commit
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        if (present.size() == changed.size() && changed.stream().allMatch(previous::isFile)) {
            return Optional.of(previous); // only contents changed: the same tree, which tells the reader so
        }
        List<String> files = new ArrayList<>(previous.files().size() + present.size());
        for (String f : previous.files()) {
            if (!changed.contains(f)) {
                files.add(f);
            }
        }
        files.addAll(present);
        return Optional.of(RepositoryTree.plainOf(realRoot, files));
    }

    /** a/b/c: no empty, "." or ".." segment, not absolute, nothing of git's own folder (the walk skips it) */
    private static boolean plainRelative(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.indexOf('\\') >= 0) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.equals(".git")) {
                return false;
            }
        }
        return true;
    }
}

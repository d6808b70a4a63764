package dev.berth.repo;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files of a checkout, as repository-relative paths with {@code /} separators. Symlinks are not
 * followed while walking (a link to a folder could loop or leave the checkout); a symlink to a file
 * inside the repository counts as that file (this is how template instances are made), a symlink that
 * points outside or nowhere is kept apart so that using it becomes a clear error.
 *
 * @param files         regular files and symlinks to files inside the repository
 * @param directories   real folders (not symlinks), the root excluded
 * @param escapingLinks symlinks whose target is outside the repository, with that target
 * @param brokenLinks   symlinks whose target does not exist
 * @param problems      folders that could not be read
 */
public record RepositoryTree(
        Path root,
        SortedSet<String> files,
        SortedSet<String> directories,
        Map<String, String> escapingLinks,
        SortedSet<String> brokenLinks,
        List<Problem> problems) {

    public static RepositoryTree scan(Path root) throws IOException {
        Path realRoot = root.toRealPath();
        SortedSet<String> files = new TreeSet<>();
        SortedSet<String> dirs = new TreeSet<>();
        Map<String, String> escaping = new TreeMap<>();
        SortedSet<String> broken = new TreeSet<>();
        List<Problem> problems = new ArrayList<>();

        Files.walkFileTree(realRoot, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(realRoot)) {
                    return FileVisitResult.CONTINUE;
                }
                // Git's own data is not part of the desired state.
                if (dir.getFileName().toString().equals(".git")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                dirs.add(relative(realRoot, dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rel = relative(realRoot, file);
                if (attrs.isSymbolicLink()) {
                    classifyLink(realRoot, file, rel, files, escaping, broken);
                } else if (attrs.isRegularFile()) {
                    files.add(rel);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                problems.add(Problem.error(relative(realRoot, file), 0,
                        "cannot be read (" + e.getClass().getSimpleName() + "): check its permissions"));
                return FileVisitResult.CONTINUE;
            }
        });
        return new RepositoryTree(realRoot, files, dirs, escaping, broken, problems);
    }

    private static void classifyLink(Path realRoot, Path link, String rel, SortedSet<String> files,
                                     Map<String, String> escaping, SortedSet<String> broken) {
        try {
            Path target = link.toRealPath();
            if (!target.startsWith(realRoot)) {
                escaping.put(rel, target.toString());
            } else if (Files.isRegularFile(target)) {
                files.add(rel);
            }
            // a symlink to a folder inside the repository is not followed: see the class comment
        } catch (NoSuchFileException e) {
            broken.add(rel);
        } catch (IOException e) {
            broken.add(rel);
        }
    }

    static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
    }

    public Path resolve(String rel) {
        return root.resolve(rel);
    }

    public boolean isFile(String rel) {
        return files.contains(rel);
    }

    public boolean isDirectory(String rel) {
        return rel.isEmpty() || directories.contains(rel);
    }

    /** Files under a folder (recursively), sorted; {@code ""} is the repository root. */
    public List<String> filesUnder(String dir) {
        if (dir.isEmpty()) {
            return List.copyOf(files);
        }
        String prefix = dir + "/";
        // '/' + 1 is '0': every path starting with prefix sorts before prefix with its last char bumped
        return List.copyOf(files.subSet(prefix, dir + "0"));
    }
}

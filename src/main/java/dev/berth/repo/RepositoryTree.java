package dev.berth.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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

    /**
     * Lists the checkout level by level, the folders of each level in parallel: opening and reading folders
     * is most of the cost of a large checkout and is independent from folder to folder. The sets are
     * sorted, so the result does not depend on which thread listed what.
     */
    public static RepositoryTree scan(Path root) throws IOException {
        Path realRoot = root.toRealPath();
        SortedSet<String> files = new TreeSet<>();
        SortedSet<String> dirs = new TreeSet<>();
        Map<String, String> escaping = new TreeMap<>();
        SortedSet<String> broken = new TreeSet<>();
        List<Problem> problems = new ArrayList<>();

        List<String> level = List.of("");
        while (!level.isEmpty()) {
            List<FolderListing> listings;
            try {
                listings = level.parallelStream().map(rel -> FolderListing.of(realRoot, rel)).toList();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            List<String> next = new ArrayList<>();
            for (int i = 0; i < listings.size(); i++) {
                FolderListing listing = listings.get(i);
                String rel = level.get(i);
                if (listing.opened() && !rel.isEmpty()) {
                    dirs.add(rel);
                }
                files.addAll(listing.files());
                next.addAll(listing.subfolders());
                listing.escapingLinks().forEach(link -> escaping.put(link.getKey(), link.getValue()));
                broken.addAll(listing.brokenLinks());
                problems.addAll(listing.problems());
            }
            level = next;
        }
        return new RepositoryTree(realRoot, files, dirs, escaping, broken, problems);
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

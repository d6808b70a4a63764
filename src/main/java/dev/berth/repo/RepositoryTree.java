package dev.berth.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The files of a checkout, as repository-relative paths with {@code /} separators. Symlinks are not
 * followed while walking (a link to a folder could loop or leave the checkout); a symlink to a file
 * inside the repository counts as that file (this is how template instances are made), a symlink that
 * points outside or nowhere is kept apart so that using it becomes a clear error.
 *
 * <p>Files and folders are kept as sorted lists (for ordered walks and prefix ranges) and as hash sets
 * (for lookups): tens of thousands of paths inserted one by one into sorted trees cost more than the
 * sort and the sets together.
 */
public final class RepositoryTree {

    private final Path root;
    private final List<String> files;
    private final Set<String> fileSet;
    private final List<String> directories;
    private final Set<String> directorySet;
    private final Map<String, String> escapingLinks;
    private final SortedSet<String> brokenLinks;
    private final List<Problem> problems;
    private final boolean plain;

    private RepositoryTree(Path root, List<String> files, List<String> directories, Map<String, String> escapingLinks,
                           SortedSet<String> brokenLinks, List<Problem> problems, boolean noLinks) {
        this.plain = noLinks && escapingLinks.isEmpty() && brokenLinks.isEmpty() && problems.isEmpty();
        this.root = root;
        this.files = files;
        this.fileSet = new HashSet<>(files);
        this.directories = directories;
        this.directorySet = new HashSet<>(directories);
        this.escapingLinks = Collections.unmodifiableMap(escapingLinks);
        this.brokenLinks = Collections.unmodifiableSortedSet(brokenLinks);
        this.problems = List.copyOf(problems);
    }

    /**
     * Lists the checkout level by level, the folders of each level in parallel: opening and reading folders
     * is most of the cost of a large checkout and is independent from folder to folder. Everything is
     * sorted at the end, so the result does not depend on which thread listed what.
     */
    public static RepositoryTree scan(Path root) throws IOException {
        Path realRoot = root.toRealPath();
        List<String> files = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        Map<String, String> escaping = new TreeMap<>();
        SortedSet<String> broken = new TreeSet<>();
        List<Problem> problems = new ArrayList<>();
        int links = 0;

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
                links += listing.links();
            }
            level = next;
        }
        return new RepositoryTree(realRoot, sorted(files), sorted(dirs), escaping, broken, problems, links == 0);
    }

    /**
     * A tree of regular files only (no symlink, nothing unreadable), from its file list: its folders are the
     * files' parents, as an export of a git tree without symlinks creates them. For {@link TreePatch}.
     */
    static RepositoryTree plainOf(Path realRoot, List<String> files) {
        Set<String> dirs = new HashSet<>();
        for (String f : files) {
            for (String d = RepoPaths.parent(f); !d.isEmpty() && dirs.add(d); d = RepoPaths.parent(d)) {
                // each new folder adds its parents, until one already known
            }
        }
        return new RepositoryTree(realRoot, sorted(files), sorted(new ArrayList<>(dirs)), new TreeMap<>(), new TreeSet<>(),
                List.of(), true);
    }

    /**
     * True when the checkout held only regular files and folders, all readable: then which files exist is all
     * there is to know about it, and {@link TreePatch} may derive the next commit's tree from the changed paths.
     */
    boolean plain() {
        return plain;
    }

    private static List<String> sorted(List<String> paths) {
        String[] array = paths.toArray(String[]::new);
        Arrays.parallelSort(array);
        return List.of(array);
    }

    public Path root() {
        return root;
    }

    /** Regular files and symlinks to files inside the repository, sorted. */
    public List<String> files() {
        return files;
    }

    /** Real folders (not symlinks), the root excluded, sorted. */
    public List<String> directories() {
        return directories;
    }

    /** Symlinks whose target is outside the repository, with that target, sorted by link. */
    public Map<String, String> escapingLinks() {
        return escapingLinks;
    }

    /** Symlinks whose target does not exist. */
    public SortedSet<String> brokenLinks() {
        return brokenLinks;
    }

    /**
     * An error for each symlink {@code which} accepts that leaves the repository or leads nowhere: Berth
     * {@code berthUses} ("installs", "reads") only what the repository holds. Escaping links first, each sorted.
     */
    public List<Problem> linkProblems(Predicate<String> which, String berthUses) {
        List<Problem> out = new ArrayList<>();
        escapingLinks.forEach((link, target) -> {
            if (which.test(link)) {
                out.add(Problem.error(link, 0, "is a symlink to " + target + ", outside the repository: Berth " + berthUses
                        + " only what the repository holds; copy the file in, or link to a file inside it"));
            }
        });
        for (String link : brokenLinks) {
            if (which.test(link)) {
                out.add(Problem.error(link, 0, "is a symlink to a file that does not exist: fix or remove the link"));
            }
        }
        return out;
    }

    /** Folders and entries that could not be read. */
    public List<Problem> problems() {
        return problems;
    }

    public Path resolve(String rel) {
        return root.resolve(rel);
    }

    public boolean isFile(String rel) {
        return fileSet.contains(rel);
    }

    public boolean isDirectory(String rel) {
        return rel.isEmpty() || directorySet.contains(rel);
    }

    /** Files under a folder (recursively), sorted; {@code ""} is the repository root. */
    public List<String> filesUnder(String dir) {
        if (dir.isEmpty()) {
            return files;
        }
        // '/' + 1 is '0': the paths starting with dir + "/" are exactly those from there to before dir + "0"
        return files.subList(insertionPoint(dir + "/"), insertionPoint(dir + "0"));
    }

    private int insertionPoint(String path) {
        int i = Collections.binarySearch(files, path);
        return i >= 0 ? i : -i - 1;
    }
}

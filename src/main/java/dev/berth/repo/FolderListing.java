package dev.berth.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one folder of a checkout holds, without descending: {@link RepositoryTree} lists the folders of a
 * level in parallel and then the next level. Classifies entries exactly as {@code Files.walkFileTree}
 * without {@code FOLLOW_LINKS} did before: attributes of the entry itself, symlinks resolved apart.
 *
 * @param opened        false when the folder itself could not be opened (then a problem says so)
 * @param files         repository paths of regular files and of symlinks to files inside the repository
 * @param subfolders    repository paths of real subfolders to list next ({@code .git} excluded)
 * @param escapingLinks symlinks leaving the repository: path, then target
 * @param brokenLinks   symlinks leading nowhere
 * @param problems      entries that could not be read
 * @param links         how many symlinks of any kind the folder holds (a re-read of changed paths only trusts a tree without)
 */
record FolderListing(boolean opened, List<String> files, List<String> subfolders, List<Map.Entry<String, String>> escapingLinks,
                     List<String> brokenLinks, List<Problem> problems, int links) {

    /**
     * Lists {@code rel} (a folder of the repository at {@code realRoot}, {@code ""} for the root).
     *
     * @throws UncheckedIOException when the listing breaks off halfway, which makes the whole read fail
     */
    static FolderListing of(Path realRoot, String rel) {
        Path dir = rel.isEmpty() ? realRoot : realRoot.resolve(rel);
        List<String> files = new ArrayList<>();
        List<String> subfolders = new ArrayList<>();
        List<Map.Entry<String, String>> escaping = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int links = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String entryRel = RepoPaths.join(rel, entry.getFileName().toString());
                BasicFileAttributes attrs;
                try {
                    attrs = attributesOf(entries, entry);
                } catch (IOException e) {
                    problems.add(unreadable(entryRel, e));
                    continue;
                }
                if (attrs.isDirectory()) {
                    // Git's own data is not part of the desired state; it is still opened, as the walk did,
                    // so that an unreadable .git folder is reported the same way.
                    if (entry.getFileName().toString().equals(".git")) {
                        checkOpens(entry, entryRel, problems);
                    } else {
                        subfolders.add(entryRel);
                    }
                } else if (attrs.isSymbolicLink()) {
                    links++;
                    classifyLink(realRoot, entry, entryRel, files, escaping, broken);
                } else if (attrs.isRegularFile()) {
                    files.add(entryRel);
                }
            }
        } catch (DirectoryIteratorException e) {
            throw new UncheckedIOException(e.getCause());
        } catch (IOException e) {
            problems.add(unreadable(rel, e));
            return new FolderListing(false, List.of(), List.of(), List.of(), List.of(), problems, 0);
        }
        return new FolderListing(true, files, subfolders, escaping, broken, problems, links);
    }

    /**
     * The entry's own attributes (links not followed). Through the open folder when the platform allows
     * it: a lookup of one name in that folder instead of the whole path from the file system root again.
     */
    private static BasicFileAttributes attributesOf(DirectoryStream<Path> folder, Path entry) throws IOException {
        if (folder instanceof SecureDirectoryStream<Path> secure) {
            return secure.getFileAttributeView(entry.getFileName(), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        }
        return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static void checkOpens(Path dir, String rel, List<Problem> problems) {
        try (DirectoryStream<Path> ignored = Files.newDirectoryStream(dir)) {
            // opening is the check
        } catch (IOException e) {
            problems.add(unreadable(rel, e));
        }
    }

    private static Problem unreadable(String rel, IOException e) {
        return Problem.error(rel, 0, "cannot be read (" + e.getClass().getSimpleName() + "): check its permissions");
    }

    private static void classifyLink(Path realRoot, Path link, String rel, List<String> files,
                                     List<Map.Entry<String, String>> escaping, List<String> broken) {
        try {
            Path target = link.toRealPath();
            if (!target.startsWith(realRoot)) {
                escaping.add(Map.entry(rel, target.toString()));
            } else if (Files.isRegularFile(target)) {
                files.add(rel);
            }
            // a symlink to a folder inside the repository is not followed: see RepositoryTree
        } catch (NoSuchFileException e) {
            broken.add(rel);
        } catch (IOException e) {
            broken.add(rel);
        }
    }
}

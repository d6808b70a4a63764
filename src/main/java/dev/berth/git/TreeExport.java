package dev.berth.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import dev.berth.host.FileTrees;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Writes a commit's tree to a plain folder, after checking it as a whole ({@link CheckedTree}): the
 * deployed files are read from there, never from the clone's HEAD.
 */
final class TreeExport {
    private final Repository repo;

    TreeExport(Repository repo) {
        this.repo = repo;
    }

    /**
     * Writes the files of {@code commit} under {@code subPath} ("" = all) into {@code dest}, which is
     * replaced. Symlinks are recreated as symlinks (validation decides whether they may stay). The tree is
     * checked as a whole first ({@link #treeRefusal}): an unsafe one is an {@link UnsafeTreeException} and
     * nothing of it is written; files are then created new, never through a link.
     */
    void export(String commit, String subPath, Path dest) throws GitException {
        Path tmp = dest.resolveSibling(dest.getFileName() + ".partial");
        try {
            FileTrees.deleteRecursively(tmp);
            String prefix = normalizeSubPath(subPath);
            List<CheckedTree.Entry> entries;
            try (RevWalk walk = new RevWalk(repo)) {
                entries = checked(walk.parseCommit(ObjectId.fromString(commit)), prefix);
            }
            if (entries.isEmpty() && !prefix.isEmpty()) {
                throw new GitException("commit " + commit.substring(0, 12) + " has no folder '" + prefix
                        + "' (the --path given to init)");
            }
            Files.createDirectories(tmp);
            for (CheckedTree.Entry e : entries) {
                Path out = TreePaths.inside(tmp, e.path());
                createFolders(tmp, out.getParent());
                ObjectLoader loader = repo.open(e.id());
                if (e.mode() == FileMode.SYMLINK) {
                    Files.createSymbolicLink(out, Path.of(new String(loader.getBytes(), StandardCharsets.UTF_8)));
                } else {
                    // CREATE_NEW and NOFOLLOW_LINKS: never through a link or over a file already written
                    try (var os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS)) {
                        loader.copyTo(os);
                    }
                    if (e.mode() == FileMode.EXECUTABLE_FILE) {
                        out.toFile().setExecutable(true, false);
                    }
                }
            }
            FileTrees.deleteRecursively(dest);
            Files.move(tmp, dest);
        } catch (UnsafeTreeException e) {
            deletePartial(tmp);
            throw new UnsafeTreeException("commit " + commit.substring(0, 12) + " is refused: " + e.getMessage()
                    + "; nothing of it was written. Push a commit without it");
        } catch (MissingObjectException e) {
            throw new GitException("commit " + commit + " is missing from the local clone", e);
        } catch (IOException | RuntimeException e) {
            throw new GitException("cannot export commit " + commit + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why {@code commit} may not be exported, or empty: the checks of {@link #export} on the whole tree
     * under {@code subPath}, without writing anything, so a sync can refuse the commit before it starts.
     */
    Optional<String> treeRefusal(CommitInfo commit, String subPath) throws GitException {
        try (RevWalk walk = new RevWalk(repo)) {
            checked(walk.parseCommit(ObjectId.fromString(commit.id())), normalizeSubPath(subPath));
            return Optional.empty();
        } catch (UnsafeTreeException e) {
            return Optional.of("commit " + commit.shortId() + " (" + commit.subject() + ") is refused: " + e.getMessage()
                    + "; nothing of it was written. Push a commit without it");
        } catch (IOException | RuntimeException e) {
            throw new GitException("cannot read commit " + commit.id() + ": " + e.getMessage(), e);
        }
    }

    private List<CheckedTree.Entry> checked(RevCommit c, String prefix) throws IOException, UnsafeTreeException {
        return CheckedTree.read(repo, c.getTree(), prefix, GitLimits.DEFAULTS);
    }

    /** Creates the folders from {@code root} down to {@code dir}, refusing to go through anything but a real folder. */
    private static void createFolders(Path root, Path dir) throws IOException, UnsafeTreeException {
        Path p = root;
        for (Path name : root.relativize(dir)) {
            p = p.resolve(name);
            if (Files.isSymbolicLink(p) || Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafeTreeException("'" + root.relativize(p) + "' is a file or symlink, and another entry would be written through it");
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(p);
            }
        }
    }

    private static void deletePartial(Path tmp) {
        try {
            FileTrees.deleteRecursively(tmp);
        } catch (IOException ignored) {
            // the next export deletes it first
        }
    }

    /** The followed folder as a tree path: no leading "./" or "/", no trailing "/", "" for the whole tree. */
    static String normalizeSubPath(String subPath) {
        if (subPath == null) {
            return "";
        }
        String p = subPath.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals(".") ? "" : p;
    }
}

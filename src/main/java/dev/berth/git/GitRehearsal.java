package dev.berth.git;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * What an {@code init} and a {@code sync} do with git, done on a scratch folder for the launcher's AOT training
 * ({@code cli.AotTraining}): clone, open, fetch, resolve, check and export a tree, diff two commits. Without it the
 * ~560 JGit classes a clone and a fetch load are read from the jar and linked on every {@code init} and {@code sync}
 * (~0.5 s of a cold clone of a tiny repository). Touches nothing outside {@code scratch}.
 */
public final class GitRehearsal {
    static {
        JGitHostFacts.tellOnce();
    }

    private GitRehearsal() {
    }

    /** @param files a folder of files to commit (it becomes a git work tree) */
    public static void run(Path files, Path scratch) throws IOException {
        String first;
        String second;
        try (Git origin = Git.init().setDirectory(files.toFile()).setInitialBranch("main").call()) {
            first = commit(origin, "first");
            java.nio.file.Files.writeString(files.resolve("rehearsal.env"), "A=2\n");
            second = commit(origin, "second");
        } catch (GitAPIException e) {
            throw new IOException("cannot make the rehearsal repository: " + e.getMessage(), e);
        }
        String remote = files.toUri().toString();
        Path clone = scratch.resolve("rehearsal.git");
        try (GitSource cloned = GitSource.cloneInto(remote, null, clone)) {
            cloned.fullRef(null, null);
        } catch (GitException e) {
            throw new IOException("the rehearsal clone failed: " + e.getMessage(), e);
        }
        try (GitSource source = GitSource.open(clone, "refs/heads/main", null, remote)) {
            source.fetch();
            CommitInfo head = source.resolve();
            source.treeRefusal(head, "");
            source.export(head.id(), "", scratch.resolve("rehearsal-export"));
            source.changedPaths(first, second, "");
            source.isAncestor(first, second);
        } catch (GitException e) {
            throw new IOException("the rehearsal fetch failed: " + e.getMessage(), e);
        }
    }

    private static String commit(Git git, String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("berth", "berth@localhost")
                .setCommitter("berth", "berth@localhost").setSign(false).call().getName();
    }
}

package dev.berth.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real git repository in a temporary folder, for tests that need commits to follow. */
public final class TestGitRepo implements AutoCloseable {
    private final Git git;
    private final Path dir;

    private TestGitRepo(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    public static TestGitRepo create(Path dir) throws GitAPIException {
        return new TestGitRepo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
    }

    public Path dir() {
        return dir;
    }

    public String url() {
        return dir.toUri().toString();
    }

    public TestGitRepo write(String path, String content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return this;
    }

    public TestGitRepo delete(String path) throws IOException {
        Files.delete(dir.resolve(path));
        return this;
    }

    public String commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        RevCommit c = git.commit().setMessage(message).setAuthor("t", "t@example.invalid")
                .setCommitter("t", "t@example.invalid").setSign(false).call();
        return c.getName();
    }

    /** Commits with an SSH signature made with {@code key} (as {@code git -c gpg.format=ssh commit -S} would). */
    public String commitSigned(String message, SshSigningKey key) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        org.eclipse.jgit.lib.Config config = new org.eclipse.jgit.lib.Config();
        config.setString("gpg", null, "format", "ssh");
        RevCommit c = git.commit().setMessage(message).setAuthor("t", "t@example.invalid")
                .setCommitter("t", "t@example.invalid").setSign(true)
                .setGpgConfig(new org.eclipse.jgit.lib.GpgConfig(config))
                .setSigningKey(key.privateKey().toAbsolutePath().toString()).call();
        return c.getName();
    }

    public Git git() {
        return git;
    }

    @Override
    public void close() {
        git.close();
    }
}

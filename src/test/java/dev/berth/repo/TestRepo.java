package dev.berth.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes repository files into a temporary folder for a test. */
public final class TestRepo {

    private final Path root;

    public TestRepo(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public TestRepo file(String rel, String content) {
        return bytes(rel, content.getBytes(StandardCharsets.UTF_8));
    }

    public TestRepo bytes(String rel, byte[] content) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestRepo symlink(String rel, String target) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.createSymbolicLink(p, Path.of(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RepositoryScan read() {
        return RepositoryReader.read(root);
    }
}

package dev.berth.validate;

import dev.berth.build.PodmanVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Remembers the last quadlet dry run and generator version in a folder of Berth's own (its state folder), so a
 * sync whose quadlet files did not change forks neither {@code quadlet -version} nor {@code quadlet -dryrun}:
 * both are answered from what the same generator said about the same bytes. The key is a SHA-256 over the
 * generator binary (path, size, modification time, file key) and the folder's path and every regular file
 * under it (relative path and content); any difference runs the generator again. Results of runs that could not
 * run (exit code -1) are not kept.
 */
public final class RememberedDryRun implements QuadletGenerator {
    private static final String DRY_RUN_FILE = "quadlet-dry-run";
    private static final String VERSION_FILE = "quadlet-version";

    private final PodmanQuadletGenerator generator;
    private final Path memory;

    /** @param memory a folder only Berth writes (what is found there is believed) */
    public RememberedDryRun(PodmanQuadletGenerator generator, Path memory) {
        this.generator = generator;
        this.memory = memory;
    }

    @Override
    public Optional<PodmanVersion> version() {
        Optional<String> binary = binaryKey();
        if (binary.isEmpty()) {
            return generator.version();
        }
        Optional<String> known = recall(VERSION_FILE, binary.get()).map(lines -> lines.isEmpty() ? "" : lines.get(0));
        if (known.isPresent()) {
            try {
                return Optional.of(PodmanVersion.parse(known.get()));
            } catch (IllegalArgumentException e) {
                // unreadable: ask the generator again
            }
        }
        Optional<PodmanVersion> v = generator.version();
        v.ifPresent(version -> keep(VERSION_FILE, binary.get(), List.of(version.text())));
        return v;
    }

    @Override
    public Optional<DryRun> dryRun(Path quadletDir) {
        Optional<String> binary = binaryKey();
        if (binary.isEmpty()) {
            return generator.dryRun(quadletDir);
        }
        String key;
        try {
            key = contentKey(binary.get(), quadletDir);
        } catch (IOException | UncheckedIOException e) {
            return generator.dryRun(quadletDir);
        }
        Optional<List<String>> known = recall(DRY_RUN_FILE, key);
        if (known.isPresent() && !known.get().isEmpty()) {
            List<String> lines = known.get();
            try {
                return Optional.of(new DryRun(lines.get(0).substring(lines.get(0).indexOf(' ') + 1),
                        Integer.parseInt(lines.get(0).substring(0, lines.get(0).indexOf(' '))), lines.subList(1, lines.size())));
            } catch (RuntimeException e) {
                // unreadable: run the generator again
            }
        }
        Optional<DryRun> run = generator.dryRun(quadletDir);
        run.filter(r -> r.exitCode() >= 0).ifPresent(r -> {
            List<String> lines = new ArrayList<>();
            lines.add(r.exitCode() + " " + r.command());
            lines.addAll(r.messages());
            keep(DRY_RUN_FILE, key, lines);
        });
        return run;
    }

    private Optional<String> binaryKey() {
        return generator.binary().flatMap(b -> {
            try {
                BasicFileAttributes a = Files.readAttributes(b, BasicFileAttributes.class);
                return Optional.of(b + " " + a.size() + " " + a.lastModifiedTime().toMillis() + " " + a.fileKey());
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    static String contentKey(String binary, Path dir) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path root = dir.toRealPath();
        sha.update((binary + "\0" + root + "\0").getBytes(StandardCharsets.UTF_8));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            byte[] name = root.relativize(f).toString().getBytes(StandardCharsets.UTF_8);
            byte[] content = Files.readAllBytes(f);
            sha.update((name.length + ":" + content.length + ":").getBytes(StandardCharsets.UTF_8));
            sha.update(name);
            sha.update(content);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The lines kept under {@code key}, if the file holds that key (its first line). */
    private Optional<List<String>> recall(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(memory.resolve(file), StandardCharsets.UTF_8);
            return !lines.isEmpty() && lines.get(0).equals(key) ? Optional.of(lines.subList(1, lines.size())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void keep(String file, String key, List<String> lines) {
        try {
            Files.createDirectories(memory);
            Path tmp = Files.createTempFile(memory, file, ".berth-tmp");
            List<String> all = new ArrayList<>();
            all.add(key);
            all.addAll(lines);
            Files.write(tmp, all, StandardCharsets.UTF_8);
            Files.move(tmp, memory.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // not remembered: the next sync runs the generator again, nothing else is lost
        }
    }
}

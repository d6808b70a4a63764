package dev.berth.validate;

import dev.berth.build.PodmanVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the installed quadlet generator: {@code QUADLET_UNIT_DIRS=<dir> quadlet -dryrun}. It prints the
 * generated units on stdout (ignored here) and what it rejects on stderr.
 */
public final class PodmanQuadletGenerator implements QuadletGenerator {

    private static final List<Path> LOCATIONS = List.of(
            Path.of("/usr/libexec/podman/quadlet"),
            Path.of("/usr/lib/systemd/system-generators/podman-system-generator"));
    private static final long TIMEOUT_SECONDS = 30;

    private final List<Path> locations;

    public PodmanQuadletGenerator() {
        this(LOCATIONS);
    }

    PodmanQuadletGenerator(List<Path> locations) {
        this.locations = List.copyOf(locations);
    }

    /** The generator that would run, if this host has one. */
    Optional<Path> binary() {
        return locations.stream().filter(Files::isExecutable).findFirst();
    }

    @Override
    public Optional<PodmanVersion> version() {
        Optional<Path> binary = binary();
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        try {
            // both the quadlet binary and the generator link take -version (Go flags); it prints e.g. 5.4.2
            Process p = new ProcessBuilder(binary.get().toString(), "-version")
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 ? Optional.of(PodmanVersion.parse(text)) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public Optional<DryRun> dryRun(Path quadletDir) {
        Optional<Path> binary = binary();
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        // the quadlet binary takes -dryrun; the systemd generator link takes --dryrun
        String flag = binary.get().getFileName().toString().equals("quadlet") ? "-dryrun" : "--dryrun";
        String command = "QUADLET_UNIT_DIRS=" + quadletDir + " " + binary.get() + " " + flag;
        Path stderr = null;
        try {
            // stderr goes to a file, so a generator that hangs cannot block us past the timeout
            stderr = Files.createTempFile("berth-quadlet", ".err");
            ProcessBuilder pb = new ProcessBuilder(binary.get().toString(), flag)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().put("QUADLET_UNIT_DIRS", quadletDir.toAbsolutePath().toString());
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(new DryRun(command, -1, List.of("quadlet dry run did not finish in " + TIMEOUT_SECONDS + "s")));
            }
            List<String> lines = new ArrayList<>();
            for (String line : Files.readString(stderr, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
            return Optional.of(new DryRun(command, p.exitValue(), lines));
        } catch (IOException e) {
            return Optional.of(new DryRun(command, -1, List.of("could not run the quadlet generator: " + e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new DryRun(command, -1, List.of("interrupted while running the quadlet generator")));
        } finally {
            if (stderr != null) {
                try {
                    Files.deleteIfExists(stderr);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}

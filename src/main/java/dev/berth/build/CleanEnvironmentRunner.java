package dev.berth.build;

import dev.berth.host.ProcessResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs podman for a build the way the generated service would: in the unit's working directory, and
 * without {@code SOURCE_DATE_EPOCH}, which Podman would otherwise read and which must never leak from
 * Berth's own environment into an image. Output (stdout and stderr together) goes through a file, so a
 * chatty build can never block on a full pipe.
 */
public class CleanEnvironmentRunner {
    static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    public ProcessResult run(List<String> argv, Path workingDirectory, Duration timeout) {
        Path log = null;
        try {
            log = Files.createTempFile("berth-build", ".log");
            ProcessBuilder pb = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().remove(SOURCE_DATE_EPOCH);
            if (workingDirectory != null) {
                pb.directory(workingDirectory.toFile());
            }
            Process p = pb.start();
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new ProcessResult(finished ? p.exitValue() : -1, output, "", !finished);
        } catch (IOException e) {
            return new ProcessResult(127, "", "cannot run " + argv.get(0) + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProcessResult(130, "", "interrupted while running " + String.join(" ", argv), true);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}

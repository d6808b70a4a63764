package dev.berth.host;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host commands (systemctl, podman, journalctl) with a time limit, capturing their output. */
public class ProcessRunner {

    public ProcessResult run(List<String> command, Duration timeout) {
        return run(command, null, timeout);
    }

    /**
     * Runs {@code command} with {@code stdin} (may be null: /dev/null) written to its standard input and
     * then closed: the way to hand a process a secret without putting it in argv, the environment or a file.
     */
    public ProcessResult run(List<String> command, byte[] stdin, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null")) : ProcessBuilder.Redirect.PIPE);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new ProcessResult(127, "", "cannot run " + command.get(0) + ": " + e.getMessage(), false);
        }
        if (stdin != null) {
            // its own thread (as the output readers): a process that does not read would block a pool's worker
            Thread.ofPlatform().daemon().name("berth-command-input").start(() -> {
                try (var in = p.getOutputStream()) {
                    in.write(stdin);
                } catch (IOException ignored) {
                    // the process exited without reading all of it: its exit status says why
                }
            });
        }
        OutputCapture out = OutputCapture.start(p.getInputStream());
        OutputCapture err = OutputCapture.start(p.getErrorStream());
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new ProcessResult(130, "", "interrupted while running " + String.join(" ", command), true);
        }
        if (!finished) {
            p.destroyForcibly();
        }
        // A child of the command (podman's conmon, a shell's background job) may hold the output open after
        // the command ended: wait for it only until the time limit (a killed command: one more second).
        Duration grace = finished ? Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000_000L)) : Duration.ofSeconds(1);
        return new ProcessResult(finished ? p.exitValue() : -1, out.text(grace), err.text(grace), !finished);
    }
}

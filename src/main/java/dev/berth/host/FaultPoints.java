package dev.berth.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A test facility, not a feature: named points at every step boundary of a deployment (after each state
 * write, file write or removal, daemon-reload, stop, start, restart and secret change), where a crash test
 * can have Berth kill itself with SIGKILL, to prove that the next sync converges whichever step a crash cut.
 *
 * <p>Inert unless the environment sets {@value #LOG_VARIABLE} (append {@code N<tab>point} for every point
 * reached, N counting from 1) or {@value #AT_VARIABLE} (SIGKILL this process right after point N). Then
 * {@link #after} is one test of a {@code static final} field, and builds no string.
 */
public final class FaultPoints {
    public static final String AT_VARIABLE = "BERTH_FAULT_AT";
    public static final String LOG_VARIABLE = "BERTH_FAULT_LOG";
    /** A process ended by SIGKILL exits, as a shell sees it, with 128 + 9. */
    public static final int KILLED_EXIT_CODE = 137;

    /** What the environment asked for; {@code killAt} 0 means only log. */
    record Settings(int killAt, Path log) {

        /** @return null when neither variable is set (the facility stays inert) */
        static Settings from(Map<String, String> env) {
            String at = env.get(AT_VARIABLE);
            String log = env.get(LOG_VARIABLE);
            if (blank(at) && blank(log)) {
                return null;
            }
            int n = 0;
            if (!blank(at)) {
                try {
                    n = Integer.parseInt(at.strip());
                } catch (NumberFormatException e) {
                    n = -1;
                }
                if (n < 1) {
                    throw new IllegalArgumentException(AT_VARIABLE + " must be a step number from 1 (a crash test sets it),"
                            + " not '" + at + "': unset it to run Berth normally");
                }
            }
            return new Settings(n, blank(log) ? null : Path.of(log.strip()));
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    private static final Settings SETTINGS = Settings.from(System.getenv());
    private static int reached;

    private FaultPoints() {
    }

    /** A step boundary: {@code step} just finished for {@code subject} (a unit, file or secret). */
    public static void after(String step, Object subject) {
        if (SETTINGS != null) {
            reach(step + " " + subject);
        }
    }

    private static synchronized void reach(String point) {
        reached++;
        if (SETTINGS.log() != null) {
            log(SETTINGS.log(), reached + "\t" + point + "\n");
        }
        if (reached == SETTINGS.killAt()) {
            killSelf();
        }
    }

    private static void log(Path file, String line) {
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot append to " + LOG_VARIABLE + " file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A real kill -9: the kernel ends the process with no Java or C code running after it (no shutdown hook, no
     * finally block, no atexit), exactly as an operator's {@code kill -9} or the OOM killer would. What Berth
     * wrote is in the kernel already (it writes through FileChannel, without user-space buffers), and the kernel
     * closes its files and drops its fcntl host lock, as for any death.
     */
    private static void killSelf() {
        try {
            new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
        } catch (IOException | InterruptedException e) {
            // no kill binary: halt below is the nearest (it too runs no shutdown hook and no finally block)
        }
        Runtime.getRuntime().halt(KILLED_EXIT_CODE);
    }
}

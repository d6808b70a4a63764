package dev.berth.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real test host: a Debian with systemd as PID 1 and Podman 5, booted by {@code scripts/testbed}
 * under systemd-nspawn. One per JVM ({@link #get()}); it is shared by all integration tests and
 * across test runs, so every test must undo what it did to it.
 *
 * <p>Inside the host: a local registry at 127.0.0.1:5000 holding {@code localhost:5000/busybox:test}
 * (its {@code /www/index.html} says "hello from busybox"), the lingering rootless user {@code tester}
 * (uid 1000), the JDK at /opt/jdk, this checkout read-only at /opt/berth (so /opt/berth/berth runs
 * target/berth.jar), and a writable folder /srv/share that is also reachable from this side via
 * {@link #hostPath(String)}.
 */
public final class TestHost {

    /** Default time limit of one command run in the host. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    /** What one command run in the host gave back. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** This result if the command exited 0, else an AssertionError that shows all of it. */
        public Result orThrow() {
            if (!ok()) {
                throw new AssertionError(this.toString());
            }
            return this;
        }

        @Override
        public String toString() {
            return "command " + command + " exited " + exitCode + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }

    private static TestHost instance;
    private static final Map<Path, TestHost> others = new LinkedHashMap<>();
    private static final Map<String, TestHost> bySuite = new LinkedHashMap<>();

    private final Path testbed;
    /** BERTH_TESTBED_DIR and BERTH_TESTBED_NAME for a host other than the default one; empty for that. */
    private final Map<String, String> env;
    private final Path rootfs;
    /** container path -> host path of each bind mount, the longest container path first. */
    private final Map<String, Path> mounts = new LinkedHashMap<>();

    /** The test host, booted (or checked to be up) on first use. */
    public static synchronized TestHost get() {
        if (instance == null) {
            instance = new TestHost(testbedScript());
        }
        return instance;
    }

    /**
     * Another test host, with its own state folder (its own rootfs, Podman storage and /srv/share =
     * {@code dir/share}) and host name, booted (or checked to be up) on first use; one per folder and JVM.
     * Several run at once beside the default one. Bring it down with {@link #down()}.
     */
    public static synchronized TestHost forDir(Path dir, String name) {
        return forDir(dir, name, "trixie");
    }

    /** {@link #forDir(Path, String)} of a given Debian suite ({@code trixie}, {@code forky}). */
    public static synchronized TestHost forDir(Path dir, String name, String suite) {
        Path key = dir.toAbsolutePath().normalize();
        TestHost h = others.get(key);
        if (h == null) {
            h = new TestHost(testbedScript(), Map.of("BERTH_TESTBED_DIR", key.toString(), "BERTH_TESTBED_NAME", name, "SUITE", suite));
            others.put(key, h);
        }
        return h;
    }

    /**
     * Another test host like {@link #forDir(Path, String)}, booted with no Java on it at all ({@code BERTH_TESTBED_JDK=none}:
     * /opt/jdk is an empty folder), for what a host gets from Berth's package alone. Booted afresh (pristine) here.
     */
    public static synchronized TestHost withoutJdk(Path dir, String name) {
        Map<String, String> env = Map.of("BERTH_TESTBED_DIR", dir.toAbsolutePath().normalize().toString(),
                "BERTH_TESTBED_NAME", name, "BERTH_TESTBED_JDK", "none");
        Path script = testbedScript();
        if (isUp(script, env)) {   // what an earlier run left (KEEP_TESTBED): a re-boot starts from a pristine system
            new TestHost(script, env).down();
        }
        return new TestHost(script, env);
    }

    /**
     * Another test host, of a given Debian suite, with its own state folder: for tests that must run on two
     * Podman versions. Its folder is the system property {@code berth.testbed.dir.SUITE}, else
     * {@code $BERTH_TESTBED_DIR-SUITE} (or {@code /var/tmp/berth-testbed-SUITE}). If this JVM boots it,
     * it halts it when the JVM exits (unless KEEP_TESTBED is set), as scripts/test does for the default host.
     */
    public static synchronized TestHost forSuite(String suite) {
        TestHost existing = bySuite.get(suite);
        if (existing != null) {
            return existing;
        }
        String dir = System.getProperty("berth.testbed.dir." + suite, "").strip();
        if (dir.isEmpty() || dir.startsWith("${")) {
            String base = System.getenv().getOrDefault("BERTH_TESTBED_DIR", "/var/tmp/berth-testbed");
            dir = base + "-" + suite;
        }
        Map<String, String> env = Map.of("BERTH_TESTBED_DIR", dir, "SUITE", suite);
        Path script = testbedScript();
        boolean wasUp = isUp(script, env);
        TestHost host = new TestHost(script, env);
        if (!wasUp && System.getenv("KEEP_TESTBED") == null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> host.run(List.of(script.toString(), "down"), Duration.ofMinutes(1))));
        }
        bySuite.put(suite, host);
        return host;
    }

    private static boolean isUp(Path script, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(script.toString(), "status");
            pb.environment().putAll(env);
            Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Halts this host (for hosts from {@link #forDir}; the default host is halted by scripts/test). */
    public synchronized void down() {
        run(List.of(testbed.toString(), "down"), Duration.ofMinutes(2)).orThrow();
        others.values().remove(this);
    }

    private static Path testbedScript() {
        String p = System.getProperty("berth.testbed", "").strip();
        if (p.isEmpty() || p.startsWith("${")) {
            throw new IllegalStateException("System property berth.testbed is not set. Integration tests need the test host:"
                    + " run ./scripts/test, or mvn verify -DskipITs=false -Dberth.testbed=$PWD/scripts/testbed (as root).");
        }
        Path script = Path.of(p).toAbsolutePath();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("berth.testbed=" + p + " is not an executable file (expected scripts/testbed).");
        }
        return script;
    }

    private TestHost(Path testbed) {
        this(testbed, Map.of());
    }

    private TestHost(Path testbed, Map<String, String> env) {
        this.testbed = testbed;
        this.env = Map.copyOf(env);
        // `up` is idempotent and returns at once when the host is already up (as under ./scripts/test);
        // it lets a single IT run from an IDE too. Its progress goes to this JVM's stderr.
        try {
            ProcessBuilder upCommand = new ProcessBuilder(testbed.toString(), "up");
            upCommand.environment().putAll(env);
            Process up = upCommand
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!up.waitFor(10, TimeUnit.MINUTES) || up.exitValue() != 0) {
                up.destroyForcibly();
                throw new IllegalStateException(testbed + " up failed; see its output above");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // `status` prints key=value lines: rootfs=HOST_PATH, and bind=CONTAINER_PATH:HOST_PATH per bind mount
        Path root = null;
        List<String[]> binds = new ArrayList<>();
        for (String line : run(List.of(testbed.toString(), "status"), Duration.ofSeconds(30)).orThrow().stdout().split("\n")) {
            if (line.startsWith("rootfs=")) {
                root = Path.of(line.substring("rootfs=".length()));
            } else if (line.startsWith("bind=")) {
                binds.add(line.substring("bind=".length()).split(":", 2));
            }
        }
        if (root == null) {
            throw new IllegalStateException(testbed + " status printed no rootfs=");
        }
        this.rootfs = root;
        binds.sort((a, b) -> b[0].length() - a[0].length());   // the longest container path first
        binds.forEach(b -> mounts.put(b[0], Path.of(b[1])));
    }

    /** Runs {@code cmd} in the host as root, with a clean environment, within {@link #DEFAULT_TIMEOUT}. */
    public Result exec(String... cmd) {
        return exec(DEFAULT_TIMEOUT, cmd);
    }

    public Result exec(Duration timeout, String... cmd) {
        return run(withPrefix("exec", cmd), timeout);
    }

    /** Runs {@code cmd} in the host as the rootless user {@code tester} (uid 1000), in its home folder,
     * with XDG_RUNTIME_DIR and DBUS_SESSION_BUS_ADDRESS set, so {@code systemctl --user} and podman work. */
    public Result execAsTester(String... cmd) {
        return execAsTester(DEFAULT_TIMEOUT, cmd);
    }

    public Result execAsTester(Duration timeout, String... cmd) {
        return run(withPrefix("user-exec", cmd), timeout);
    }

    /** Runs Berth ({@code /opt/berth/berth}, i.e. this checkout's target/berth.jar) in the host as root. */
    public Result berth(String... args) {
        return exec(withFirst("/opt/berth/berth", args));
    }

    /** Runs Berth in the host as the rootless user {@code tester}. */
    public Result berthAsTester(String... args) {
        return execAsTester(withFirst("/opt/berth/berth", args));
    }

    /**
     * Where an absolute path of the host is on this (the outer) side: under the container's rootfs, or in
     * the folder bound at /srv/share, /opt/berth, /opt/jdk, /var/lib/containers, ... Mapped lexically: an absolute symlink
     * inside the rootfs does not resolve on this side. Files written here as root are owned by root in
     * the host too (chown them for tester).
     */
    public Path hostPath(String containerPath) {
        if (!containerPath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + containerPath);
        }
        String p = Path.of(containerPath).normalize().toString();
        for (Map.Entry<String, Path> m : mounts.entrySet()) {
            String prefix = m.getKey();
            if (p.equals(prefix)) {
                return m.getValue();
            }
            if (p.startsWith(prefix + "/")) {
                return m.getValue().resolve(p.substring(prefix.length() + 1));
            }
        }
        return p.equals("/") ? rootfs : rootfs.resolve(p.substring(1));
    }

    /**
     * Polls {@code http://127.0.0.1:PORT/} inside the host (the host's own loopback) until the body
     * contains {@code expectedBody}; returns the body, or throws an AssertionError with the last answer.
     */
    public String waitForHttp(int port, String expectedBody, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Result last;
        while (true) {
            last = exec(Duration.ofSeconds(15), "curl", "-sS", "--max-time", "5", "http://127.0.0.1:" + port + "/");
            if (last.ok() && last.stdout().contains(expectedBody)) {
                return last.stdout();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + expectedBody + "' from http://127.0.0.1:" + port + "/ in the test host within "
                        + timeout + "; last try: " + last);
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private List<String> withPrefix(String subcommand, String... cmd) {
        if (cmd.length == 0) {
            throw new IllegalArgumentException("no command");
        }
        List<String> all = new ArrayList<>(List.of(testbed.toString(), subcommand));
        all.addAll(List.of(cmd));
        return all;
    }

    private static String[] withFirst(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Runs a command on this side; output goes to files, so a chatty command cannot block on a full pipe. */
    private Result run(List<String> command, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("testhost", ".out");
            err = Files.createTempFile("testhost", ".err");
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            Process p = pb
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeout + ": " + command + "\n--- stdout so far:\n"
                        + Files.readString(out, StandardCharsets.UTF_8) + "--- stderr so far:\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(command.subList(1, command.size()), p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file; the OS cleans /tmp
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.berth.cli;

import dev.berth.agent.ControlClient;
import dev.berth.agent.ControlRequest;
import dev.berth.host.HostLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code berth sync}, {@code status}, {@code history} and {@code plan} when a daemon runs: the request goes straight to
 * the daemon's socket, before picocli builds its model of every command (most of a CLI start). It prints exactly what
 * those commands print when they hand the work to the daemon ({@link DaemonHandOff}). Only plain command lines take
 * this way: any option it does not know (or {@code --help}), no daemon, or a daemon that leaves the query to the
 * asker, and the command line goes to picocli as before, which then decides and reports everything itself.
 */
final class DaemonShortcut {
    /** What the command line asks, when it is one this shortcut can send as it is. */
    record Request(String command, boolean dryRun, boolean resume, boolean noRollback, boolean quiet, Path stateDir) {
    }

    /** The options each command may have here, besides -q/--quiet and --state-dir (the daemon parses a query's itself). */
    private static final java.util.Map<String, Set<String>> FLAGS = java.util.Map.of(
            "sync", Set.of("-n", "--dry-run", "--resume", "--no-rollback"),
            "status", Set.of("--json"),
            "history", Set.of("--json"),
            "plan", Set.of("--diff"));

    private DaemonShortcut() {
    }

    /** The exit code when a daemon answered; empty when picocli must run the command line. */
    static Optional<Integer> run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    /**
     * As {@link #run(String[], PrintStream, PrintStream)}, with the daemon's socket at {@code socket} (null: where the
     * host layout says). A path, not a function: a lambda made at run time is one class the AOT cache does not hold.
     */
    static Optional<Integer> run(String[] args, PrintStream out, PrintStream err, Path socket) {
        Optional<Request> request;
        try {
            request = parse(args, System.getenv("BERTH_STATE_DIR"));
        } catch (InvalidPathException e) {
            return Optional.empty(); // picocli says what is wrong with it
        }
        if (request.isEmpty()) {
            return Optional.empty();
        }
        Request r = request.get();
        HostLayout layout = HostLayout.forCurrentUser(r.stateDir());
        Optional<ControlClient> daemon = ControlClient.connect(socket != null ? socket : layout.socketPath());
        if (daemon.isEmpty()) {
            return Optional.empty();
        }
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        try (ControlClient c = daemon.get()) {
            if (r.command().equals("sync")) {
                return Optional.of(DaemonHandOff.sync(c, ControlRequest.sync(r.dryRun(), r.resume(), r.noRollback()), r.quiet(), o, e));
            }
            return DaemonHandOff.query(c, List.of(args), layout.stateDir(), o, e);
        } catch (IOException failure) {
            // the daemon went away: a query is answered here; a sync may have started, so say so as picocli's handler would
            if (r.command().equals("sync")) {
                e.println("berth: " + failure.getMessage());
                e.flush();
                return Optional.of(ErrorHandler.EXIT_FAILURE);
            }
            return Optional.empty();
        }
    }

    /**
     * The request of a plain {@code sync}, {@code status}, {@code history} or {@code plan} command line, empty for
     * anything else (other commands, options this shortcut does not know, a missing option value).
     *
     * @param envStateDir {@code BERTH_STATE_DIR}, the default of {@code --state-dir}
     */
    static Optional<Request> parse(String[] args, String envStateDir) {
        Set<String> flags = args.length == 0 ? null : FLAGS.get(args[0]);
        if (flags == null) {
            return Optional.empty();
        }
        String command = args[0];
        boolean history = command.equals("history");
        boolean dryRun = false, resume = false, noRollback = false, quiet = false;
        Path stateDir = envStateDir == null || envStateDir.isEmpty() ? null : Path.of(envStateDir);
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String next = i + 1 < args.length ? args[i + 1] : "";
            if (a.equals("-q") || a.equals("--quiet")) {
                quiet = true;
            } else if (a.equals("--state-dir") && !next.isEmpty() && !next.startsWith("-")) {
                stateDir = Path.of(next);
                i++;
            } else if (a.startsWith("--state-dir=") && a.length() > "--state-dir=".length()) {
                stateDir = Path.of(a.substring("--state-dir=".length()));
            } else if (history && (a.equals("-n") || a.equals("--limit")) && isCount(next)) {
                i++; // history's -n is a count, sent to the daemon as it is
            } else if (history && a.startsWith("--limit=") && isCount(a.substring("--limit=".length()))) {
                continue;
            } else if (flags.contains(a)) {
                dryRun |= a.equals("-n") || a.equals("--dry-run");
                resume |= a.equals("--resume");
                noRollback |= a.equals("--no-rollback");
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new Request(command, dryRun, resume, noRollback, quiet, stateDir));
    }

    /** A value picocli reads as an int: anything else goes to picocli, whose error names the whole command. */
    private static boolean isCount(String value) {
        return value.matches("\\d{1,9}");
    }
}

package dev.berth.cli;

import dev.berth.agent.ControlClient;
import dev.berth.agent.ControlReply;
import dev.berth.agent.ControlRequest;
import dev.berth.host.HostLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code berth sync} and {@code berth status} when a daemon runs: the request goes straight to the daemon's socket,
 * before picocli builds its model of every command (most of a CLI start). It prints exactly what {@link SyncCommand}
 * and {@link StatusCommand} print when they hand the work to the daemon. Only plain command lines take this way: any
 * option it does not know (or {@code --help}), no daemon, or a daemon that leaves the query to the asker, and the
 * command line goes to picocli as before, which then decides and reports everything itself.
 */
final class DaemonShortcut {
    /** What the command line asks, when it is one this shortcut can send as it is. */
    record Request(String command, boolean dryRun, boolean resume, boolean noRollback, boolean quiet, Path stateDir) {
    }

    private DaemonShortcut() {
    }

    /** The exit code when a daemon answered; empty when picocli must run the command line. */
    static Optional<Integer> run(String[] args, PrintStream out, PrintStream err) {
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
        Optional<ControlClient> daemon = ControlClient.connect(layout.socketPath());
        if (daemon.isEmpty()) {
            return Optional.empty();
        }
        try (ControlClient c = daemon.get()) {
            if (r.command().equals("sync")) {
                ControlReply reply = c.send(ControlRequest.sync(r.dryRun(), r.resume(), r.noRollback()), line -> {
                    if (!r.quiet()) {
                        out.println(line);
                        out.flush();
                    }
                });
                (reply.exitCode() == 0 ? out : err).println(reply.output());
                return Optional.of(reply.exitCode());
            }
            ControlReply reply = c.send(ControlRequest.query(List.of(args), layout.stateDir()), line -> { });
            if (!reply.served()) {
                return Optional.empty();
            }
            out.print(reply.output());
            out.flush();
            if (reply.error() != null) {
                err.print(reply.error());
                err.flush();
            }
            return Optional.of(reply.exitCode());
        } catch (IOException e) {
            // the daemon went away: a query is answered here; a sync may have started, so say so as picocli's handler would
            if (r.command().equals("sync")) {
                err.println("berth: " + e.getMessage());
                return Optional.of(ErrorHandler.EXIT_FAILURE);
            }
            return Optional.empty();
        }
    }

    /**
     * The request of a plain {@code sync} or {@code status} command line, empty for anything else (other commands,
     * options this shortcut does not know, a missing option value).
     *
     * @param envStateDir {@code BERTH_STATE_DIR}, the default of {@code --state-dir}
     */
    static Optional<Request> parse(String[] args, String envStateDir) {
        if (args.length == 0 || !(args[0].equals("sync") || args[0].equals("status"))) {
            return Optional.empty();
        }
        boolean sync = args[0].equals("sync");
        boolean dryRun = false, resume = false, noRollback = false, quiet = false;
        Path stateDir = envStateDir == null || envStateDir.isEmpty() ? null : Path.of(envStateDir);
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            switch (a) {
                case "-q", "--quiet" -> quiet = true;
                case "-n", "--dry-run" -> dryRun = true;
                case "--resume" -> resume = true;
                case "--no-rollback" -> noRollback = true;
                case "--json" -> { } // status: the daemon runs the command line as given
                case "--state-dir" -> {
                    if (i + 1 >= rest.size() || rest.get(i + 1).isEmpty() || rest.get(i + 1).startsWith("-")) {
                        return Optional.empty();
                    }
                    stateDir = Path.of(rest.get(++i));
                }
                default -> {
                    if (!a.startsWith("--state-dir=") || a.length() == "--state-dir=".length()) {
                        return Optional.empty();
                    }
                    stateDir = Path.of(a.substring("--state-dir=".length()));
                }
            }
            boolean syncOnly = a.equals("-n") || a.equals("--dry-run") || a.equals("--resume") || a.equals("--no-rollback");
            if (sync ? a.equals("--json") : syncOnly) {
                return Optional.empty();
            }
        }
        return Optional.of(new Request(args[0], dryRun, resume, noRollback, quiet, stateDir));
    }
}

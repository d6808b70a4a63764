package dev.berth.cli;

import dev.berth.agent.ControlClient;
import dev.berth.agent.ControlReply;
import dev.berth.agent.ControlRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the CLI prints when a running daemon takes its command, the same whether picocli's command hands it over
 * ({@link SyncCommand}, {@link HostCommand#answeredByDaemon()}) or {@link DaemonShortcut} does before picocli starts.
 */
final class DaemonHandOff {
    private DaemonHandOff() {
    }

    /**
     * Has the daemon run this sync: its progress lines as they come (none when quiet), then its last line, on stdout
     * when it succeeded and stderr when not.
     *
     * @return the sync's exit code
     */
    static int sync(ControlClient daemon, ControlRequest sync, boolean quiet, PrintWriter out, PrintWriter err) throws IOException {
        ControlReply reply = daemon.send(sync, line -> {
            if (!quiet) {
                out.println(line);
                out.flush();
            }
        });
        PrintWriter last = reply.exitCode() == 0 ? out : err;
        last.println(reply.output());
        last.flush();
        return reply.exitCode();
    }

    /**
     * Asks the daemon to run a read-only command line ({@code status --json}, {@code history -n 5}) and prints what it
     * printed.
     *
     * @return the command's exit code; empty when the daemon leaves it to the asker (another state folder)
     */
    static Optional<Integer> query(ControlClient daemon, List<String> args, Path stateDir, PrintWriter out, PrintWriter err)
            throws IOException {
        ControlReply reply = daemon.send(ControlRequest.query(args, stateDir), line -> { });
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
    }
}

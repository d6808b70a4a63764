package dev.berth.cli;

import dev.berth.apply.SyncOutcome;
import dev.berth.Berth;
import dev.berth.BerthOptions;
import dev.berth.apply.Progress;
import dev.berth.state.UnitFailure;
import dev.berth.agent.ControlClient;
import dev.berth.host.HostLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of the commands that act on this host: the library's entry for it, and how outcomes are printed. */
abstract class HostCommand implements Callable<Integer> {

    @Mixin
    HostOptions host = new HostOptions();

    @Spec
    CommandSpec spec;

    /** Set when the daemon runs this command for a client (a query): the daemon's state folder, whatever else is given. */
    Path servedFrom;

    /** Set when the daemon runs this command with its own Berth (one that neither prints progress nor waits). */
    Berth servedBy;

    /** Where the command prints when no picocli runs it ({@link PlainSync}); null: picocli's writers. */
    private PrintWriter plainOut;
    private PrintWriter plainErr;

    PrintWriter out() {
        return plainOut != null ? plainOut : spec.commandLine().getOut();
    }

    PrintWriter err() {
        return plainErr != null ? plainErr : spec.commandLine().getErr();
    }

    /** Runs the command as picocli would for a command line that set only the fields already set, printing to these. */
    final int callPrintingTo(PrintWriter out, PrintWriter err) {
        plainOut = out;
        plainErr = err;
        try {
            return call();
        } catch (Exception e) {
            return ErrorHandler.report(e, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** This host's Berth: progress printed unless --quiet, waits for another Berth said on stderr. */
    Berth berth() {
        if (servedBy != null) {
            return servedBy;
        }
        if (servedFrom != null) {
            HostOptions served = new HostOptions();
            served.stateDir = servedFrom;
            served.quiet = host.quiet;
            return open(served, out(), err());
        }
        return open(host, out(), err());
    }

    /**
     * A read-only command asks a daemon serving this state folder to run it, in the daemon's warm JVM, and prints
     * its answer: the exit code then, empty when no daemon runs or it leaves this one to us (a plain local run
     * prints the same).
     */
    Optional<Integer> answeredByDaemon() {
        if (servedFrom != null) {
            return Optional.empty();
        }
        HostLayout layout = HostLayout.forCurrentUser(host.stateDir);
        var daemon = ControlClient.connect(layout.socketPath());
        if (daemon.isEmpty()) {
            return Optional.empty();
        }
        List<String> args = DaemonQueries.queryArgs(spec.name(), spec.commandLine().getParseResult().originalArgs());
        try (ControlClient c = daemon.get()) {
            return DaemonHandOff.query(c, args, layout.stateDir(), out(), err());
        } catch (IOException e) {
            return Optional.empty(); // the daemon went away: answer it here
        }
    }

    static Berth open(HostOptions host, PrintWriter out, PrintWriter err) {
        Progress progress = host.quiet ? Progress.SILENT : message -> {
            out.println(message);
            out.flush();
        };
        return Berth.forCurrentUser(new BerthOptions(host.stateDir, progress, () -> {
            err.println("berth: another berth is changing this host; waiting for it to finish ...");
            err.flush();
        }));
    }

    /** Prints the end of a sync and turns it into an exit code. */
    int report(SyncOutcome outcome) {
        PrintWriter o = out();
        if (outcome.ok()) {
            o.println(outcome.changed() ? "deployed " + shortId(outcome.commit()) + (outcome.pinned() ? " (pinned by rollback)" : "")
                    : "up to date at " + shortId(outcome.commit()) + (outcome.pinned() ? " (pinned by rollback)" : ""));
            return 0;
        }
        err().println("berth: sync failed: " + outcome.report().error());
        for (UnitFailure f : outcome.report().failedUnits()) {
            err().println("  " + f.systemdName() + ": " + f.message());
            f.journal().forEach(line -> err().println("    | " + line));
        }
        return ErrorHandler.EXIT_FAILURE;
    }

    /**
     * Ends a plan or dry run whose plan (if any) is printed: a sync that would fail or be refused says so
     * and exits non-zero, as the sync itself would.
     */
    int reportPreview(SyncOutcome outcome) {
        if (outcome.ok()) {
            return 0;
        }
        err().println("berth: the sync would fail: " + outcome.report().error());
        return ErrorHandler.EXIT_FAILURE;
    }

    static String shortId(String id) {
        return id == null ? "(none)" : id.substring(0, Math.min(12, id.length()));
    }
}

package dev.berth.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.util.Optional;

/**
 * A plain {@code berth sync} (the options {@link DaemonShortcut} knows) when no daemon answered it: the command runs
 * without picocli building its model (annotations read through proxy classes no AOT cache holds, ~60 ms of a CLI
 * sync before its first fetch). It is the same {@link SyncCommand}, with the fields picocli would have set from that
 * command line, printing to writers made as picocli makes them, and a failure reported by the same
 * {@link ErrorHandler}; {@code PlainSyncTest} compares the two ways. Any other command line goes to picocli.
 */
final class PlainSync {
    private PlainSync() {
    }

    /** The exit code of the sync; empty when picocli must run the command line. */
    static Optional<Integer> run(String[] args, OutputStream out, OutputStream err, String envStateDir) {
        Optional<DaemonShortcut.Request> request;
        try {
            request = DaemonShortcut.parse(args, envStateDir);
        } catch (InvalidPathException e) {
            return Optional.empty(); // picocli says what is wrong with it
        }
        if (request.isEmpty() || !request.get().command().equals("sync")) {
            return Optional.empty();
        }
        DaemonShortcut.Request r = request.get();
        SyncCommand sync = new SyncCommand();
        sync.host.stateDir = r.stateDir();
        sync.host.quiet = r.quiet();
        sync.dryRun = r.dryRun();
        sync.resume = r.resume();
        sync.noRollback = r.noRollback();
        // as picocli's own writers: the default charset, flushed at each line
        return Optional.of(sync.callPrintingTo(new PrintWriter(new OutputStreamWriter(out, Charset.defaultCharset()), true),
                new PrintWriter(new OutputStreamWriter(err, Charset.defaultCharset()), true)));
    }
}

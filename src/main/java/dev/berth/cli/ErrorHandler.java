package dev.berth.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one clear line on stderr and a non-zero exit code, not a stack trace.
 * {@code BERTH_DEBUG=1} prints the trace too.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    static final int EXIT_FAILURE = 1;

    /** The command line with this handler set. */
    static CommandLine install(CommandLine cl) {
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        return report(ex, cl.getErr());
    }

    /** Says what failed on {@code err}, as for a command picocli ran: the exit code. */
    static int report(Exception ex, java.io.PrintWriter err) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        // A message may quote a remote URL from deep inside JGit: never print the credentials in it.
        err.println("berth: " + dev.berth.git.RemoteUrls.redact(message));
        if (System.getenv("BERTH_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        return EXIT_FAILURE;
    }
}

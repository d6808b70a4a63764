package dev.berth.agent;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line the daemon sends back: progress lines while a request runs, then one final line with
 * {@code done=true}, the exit code and the result text.
 *
 * @param error what a query printed on stderr (absent for other requests; sent only when there is some, so
 *              a reply to an older request looks as it always did)
 */
public record ControlReply(String progress, boolean done, int exitCode, String output,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String error) {
    /** The exit code of a query the daemon does not answer (another state folder): the asker answers it itself. */
    private static final int NOT_SERVED = -1;

    public ControlReply(String progress, boolean done, int exitCode, String output) {
        this(progress, done, exitCode, output, null);
    }

    public static ControlReply progress(String line) {
        return new ControlReply(line, false, 0, null);
    }

    public static ControlReply done(int exitCode, String output) {
        return new ControlReply(null, true, exitCode, output);
    }

    /** The answer to a query: what the command printed on stdout and on stderr, and its exit code. */
    public static ControlReply answer(int exitCode, String output, String error) {
        return new ControlReply(null, true, exitCode, output, error.isEmpty() ? null : error);
    }

    public static ControlReply notServed(String why) {
        return new ControlReply(null, true, NOT_SERVED, why);
    }

    /** False for a query this daemon left to the asker, and for one a daemon older than queries did not know. */
    public boolean served() {
        return exitCode != NOT_SERVED && !(exitCode == 2 && output != null && output.startsWith("unknown command"));
    }
}

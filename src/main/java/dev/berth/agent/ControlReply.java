package dev.berth.agent;

/**
 * One line the daemon sends back: progress lines while a request runs, then one final line with
 * {@code done=true}, the exit code and the result text.
 */
public record ControlReply(String progress, boolean done, int exitCode, String output) {

    public static ControlReply progress(String line) {
        return new ControlReply(line, false, 0, null);
    }

    public static ControlReply done(int exitCode, String output) {
        return new ControlReply(null, true, exitCode, output);
    }
}

package dev.berth.host;

/** How a finished (or timed-out) command ended. */
public record ProcessResult(int exitCode, String stdout, String stderr, boolean timedOut) {

    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** stderr if it says anything, else stdout: the text to show a user when the command failed. */
    public String message() {
        String s = stderr.isBlank() ? stdout : stderr;
        return s.strip();
    }
}

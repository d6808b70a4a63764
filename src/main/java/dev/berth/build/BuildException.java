package dev.berth.build;

/** A build, or something a build needs (Podman, the history), failed; the message says what to do. */
public final class BuildException extends Exception {

    public BuildException(String message) {
        super(message);
    }

    public BuildException(String message, Throwable cause) {
        super(message, cause);
    }
}

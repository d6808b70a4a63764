package dev.berth.build;

import dev.berth.failure.BerthException;
import dev.berth.failure.FailureKind;

/** A build, or something a build needs (Podman, the history), failed; the message says what to do. */
public final class BuildException extends BerthException {
    /** A failure of kind {@link FailureKind#BUILD}. */
    public BuildException(String message) {
        super(FailureKind.BUILD, message);
    }

    /** A failure of the kind of {@code cause} when it is a Berth failure, else {@link FailureKind#BUILD}. */
    public BuildException(String message, Throwable cause) {
        super(kindOf(cause, FailureKind.BUILD), message, cause);
    }

    public BuildException(FailureKind kind, String message) {
        super(kind, message);
    }
}

package dev.berth.git;

import dev.berth.failure.BerthException;
import dev.berth.failure.FailureKind;

/** Fetching or reading the followed repository failed; the message says what to do. */
public class GitException extends BerthException {
    private static final long serialVersionUID = 1L;

    /** A failure of kind {@link FailureKind#GIT}. */
    public GitException(String message) {
        super(FailureKind.GIT, message);
    }

    /** A failure of the kind of {@code cause} when it is a Berth failure, else {@link FailureKind#GIT}. */
    public GitException(String message, Throwable cause) {
        super(kindOf(cause, FailureKind.GIT), message, cause);
    }

    public GitException(FailureKind kind, String message) {
        super(kind, message);
    }
}

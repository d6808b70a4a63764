package dev.berth.apply;

import dev.berth.failure.BerthException;
import dev.berth.failure.FailureKind;

/** An apply that could not run at all (refused before any change, or a host step that failed). */
public class ApplyException extends BerthException {
    private static final long serialVersionUID = 1L;

    /** A failure of kind {@link FailureKind#HOST}. */
    public ApplyException(String message) {
        super(FailureKind.HOST, message);
    }

    /** A failure of the kind of {@code cause} when it is a Berth failure, else {@link FailureKind#HOST}. */
    public ApplyException(String message, Throwable cause) {
        super(kindOf(cause, FailureKind.HOST), message, cause);
    }

    public ApplyException(FailureKind kind, String message) {
        super(kind, message);
    }

    public ApplyException(FailureKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}

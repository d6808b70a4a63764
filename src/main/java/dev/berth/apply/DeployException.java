package dev.berth.apply;

import dev.berth.failure.BerthException;
import dev.berth.failure.FailureKind;

/** A deploy that could not start or had to stop; the running deployment is untouched unless said. */
public class DeployException extends BerthException {
    private static final long serialVersionUID = 1L;

    /** A failure of kind {@link FailureKind#STATE}. */
    public DeployException(String message) {
        super(FailureKind.STATE, message);
    }

    /** A failure of the kind of {@code cause} when it is a Berth failure, else {@link FailureKind#STATE}. */
    public DeployException(String message, Throwable cause) {
        super(kindOf(cause, FailureKind.STATE), message, cause);
    }

    public DeployException(FailureKind kind, String message) {
        super(kind, message);
    }
}

package dev.berth.host;

import dev.berth.failure.BerthException;
import dev.berth.failure.FailureKind;

/** A host operation (systemctl, podman, a file write) that failed; the message says what and why. */
public class HostException extends BerthException {
    private static final long serialVersionUID = 1L;

    /** A failure of kind {@link FailureKind#HOST}. */
    public HostException(String message) {
        super(FailureKind.HOST, message);
    }

    /** A failure of the kind of {@code cause} when it is a Berth failure, else {@link FailureKind#HOST}. */
    public HostException(String message, Throwable cause) {
        super(kindOf(cause, FailureKind.HOST), message, cause);
    }
}

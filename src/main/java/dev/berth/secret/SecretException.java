package dev.berth.secret;

import dev.berth.failure.BerthException;
import dev.berth.failure.FailureKind;

/** A secret could not be made, read, decrypted or handed to Podman; the message says what to do. */
public final class SecretException extends BerthException {
    /** A failure of kind {@link FailureKind#SECRET}. */
    public SecretException(String message) {
        super(FailureKind.SECRET, message);
    }

    /** A failure of the kind of {@code cause} when it is a Berth failure, else {@link FailureKind#SECRET}. */
    public SecretException(String message, Throwable cause) {
        super(kindOf(cause, FailureKind.SECRET), message, cause);
    }

    public SecretException(FailureKind kind, String message) {
        super(kind, message);
    }

    public SecretException(FailureKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}

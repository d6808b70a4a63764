package dev.berth.secret;

/** A secret could not be made, read, decrypted or handed to Podman; the message says what to do. */
public final class SecretException extends Exception {
    public SecretException(String message) {
        super(message);
    }

    public SecretException(String message, Throwable cause) {
        super(message, cause);
    }
}

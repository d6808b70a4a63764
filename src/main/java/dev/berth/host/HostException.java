package dev.berth.host;

/** A host operation (systemctl, podman, a file write) that failed; the message says what and why. */
public class HostException extends Exception {
    private static final long serialVersionUID = 1L;

    public HostException(String message) {
        super(message);
    }

    public HostException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.berth.apply;

/** An apply that could not run at all (refused before any change, or a host step that failed). */
public class ApplyException extends Exception {
    private static final long serialVersionUID = 1L;

    public ApplyException(String message) {
        super(message);
    }

    public ApplyException(String message, Throwable cause) {
        super(message, cause);
    }
}

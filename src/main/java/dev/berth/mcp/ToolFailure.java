package dev.berth.mcp;

import java.util.Map;

/**
 * A tool could not do what was asked; the message goes back to the client in a result with
 * {@code isError: true}, with the structured result too when there is one worth showing (a failed sync
 * still says what it did and which units failed).
 */
public final class ToolFailure extends Exception {
    private final transient Map<String, Object> result;

    public ToolFailure(String message) {
        this(message, (Map<String, Object>) null);
    }

    public ToolFailure(String message, Throwable cause) {
        super(message, cause);
        this.result = null;
    }

    public ToolFailure(String message, Map<String, Object> result) {
        super(message);
        this.result = result;
    }

    /** The structured result to return alongside the error, or null. */
    public Map<String, Object> result() {
        return result;
    }
}

package dev.berth.failure;

/**
 * A failure Berth reports to its user: the message says what to do, the {@link #kind()} what failed. The
 * subclasses name the step that failed (git, apply, build...), the kind what failed in it: a deploy that stops
 * because the fetch failed is a {@code DeployException} of kind {@link FailureKind#GIT}.
 */
public abstract class BerthException extends Exception {
    private static final long serialVersionUID = 1L;
    private final FailureKind kind;

    protected BerthException(FailureKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    protected BerthException(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }

    /** The kind of the failure underneath when Berth knows it (a wrapped Berth failure), else {@code otherwise}. */
    protected static FailureKind kindOf(Throwable cause, FailureKind otherwise) {
        return cause instanceof BerthException known ? known.kind() : otherwise;
    }
}

package dev.berth.unit;

import dev.berth.failure.BerthException;
import dev.berth.failure.FailureKind;

/** A unit file that systemd would not read as written; says which file, which line and what to do. */
public final class UnitSyntaxException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final String problem;

    public UnitSyntaxException(String file, int line, String problem) {
        super(FailureKind.INVALID_INPUT, file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** The message without the location prefix. */
    public String problem() {
        return problem;
    }
}

package dev.berth.repo;

import java.util.Comparator;

/**
 * Something wrong (or suspicious) in a repository, pointing at the file and line to fix.
 *
 * @param severity ERROR stops a deploy; WARNING is shown but does not
 * @param file     repository-relative path ({@code .} for the repository itself)
 * @param line     1-based line, 0 when the problem is not about one line
 * @param message  what is wrong and what to do about it
 */
public record Problem(Severity severity, String file, int line, String message) {

    public enum Severity { ERROR, WARNING }

    /** Sorted by file, then line, then errors before warnings, then message: stable output for people and diffs. */
    public static final Comparator<Problem> BY_LOCATION = Comparator.comparing(Problem::file)
            .thenComparingInt(Problem::line)
            .thenComparing(Problem::severity)
            .thenComparing(Problem::message);

    public static Problem error(String file, int line, String message) {
        return new Problem(Severity.ERROR, file, line, message);
    }

    public static Problem warning(String file, int line, String message) {
        return new Problem(Severity.WARNING, file, line, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line: error: message}, the form compilers use so editors can jump to it. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}

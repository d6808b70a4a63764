package dev.berth.unit;

/**
 * One {@code Key=Value} assignment, with where it was read (continuations already joined).
 *
 * @param file repository-relative path of the file the assignment is in (a drop-in keeps its own)
 * @param line 1-based line on which the assignment starts
 */
public record Entry(String key, String value, String file, int line) {

    /** An empty assignment ({@code After=}) resets the list that earlier assignments built. */
    public boolean isReset() {
        return value.isEmpty();
    }
}

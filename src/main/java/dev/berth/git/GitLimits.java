package dev.berth.git;

/**
 * How much of the followed repository Berth takes in, so that a commit cannot fill the disk or the heap
 * (the daemon runs with 96 MiB). A commit over a limit is refused as a whole, with a message naming it.
 *
 * @param maxFetchedObjectBytes largest object one fetch may bring, unpacked; a fetch is streamed and stops
 *                              at the first bigger one. Above {@link #maxFileBytes}, so a big file left
 *                              in old history does not stop every fetch
 * @param maxFetchedBytes       all files one fetch brings together, unpacked
 * @param maxFileBytes          largest file an export writes: validation's limit for the files a unit uses
 * @param maxExportBytes        all files of one export together
 * @param maxExportFiles        files, links and folders of one export
 */
public record GitLimits(long maxFetchedObjectBytes, long maxFetchedBytes, long maxFileBytes, long maxExportBytes,
                        int maxExportFiles) {

    public static final long MIB = 1L << 20;
    public static final GitLimits DEFAULTS = new GitLimits(256 * MIB, 1024 * MIB, 64 * MIB, 256 * MIB, 100_000);

    public GitLimits {
        if (maxFetchedObjectBytes <= 0 || maxFetchedBytes <= 0 || maxFileBytes <= 0 || maxExportBytes <= 0
                || maxExportFiles <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** A size as the messages name it: whole MiB when it is one, bytes otherwise. */
    static String size(long bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
    }
}

package dev.berth.host;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A regular file's cheap metadata, read with one {@code stat}: what tells that a file is still the one something
 * was read from without reading it again. ctime is in it because nobody can set it: a write that puts mtime back
 * ({@code cp -p}, {@code touch -d}, rsync) still moves ctime; inode and device tell a file replaced by rename. A
 * stamp is only trusted for a file {@linkplain #settledAt settled} when it was read: a second write in the same
 * clock tick as the first would leave the stamp as it was (git's "racy" case).
 *
 * @param inode  the file system's {@code ino}, as the platform gives it
 * @param device the file system's {@code dev}, as the platform gives it
 */
public record FileStamp(long size, FileTime mtime, FileTime ctime, Object inode, Object device) {

    /** How near its last write (mtime or ctime) a file must not be read and its stamp trusted. */
    public static final Duration RACY = Duration.ofSeconds(2);

    /**
     * The stamp of {@code file} if it is a regular file (a symlink is not followed: it has none); empty when it is
     * missing, not a regular file, cannot be stat'ed, or the platform has no unix attributes.
     */
    public static Optional<FileStamp> of(Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:isRegularFile,size,lastModifiedTime,ctime,ino,dev",
                    LinkOption.NOFOLLOW_LINKS);
            if (!Boolean.TRUE.equals(a.get("isRegularFile"))) {
                return Optional.empty();
            }
            return Optional.of(new FileStamp((Long) a.get("size"), (FileTime) a.get("lastModifiedTime"),
                    (FileTime) a.get("ctime"), a.get("ino"), a.get("dev")));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the file's last write (mtime and ctime) was more than {@link #RACY} before {@code readAt}, the moment
     * its content was read: only then does a later write show in the stamp.
     */
    public boolean settledAt(Instant readAt) {
        Instant cutoff = readAt.minus(RACY);
        return mtime.toInstant().isBefore(cutoff) && ctime.toInstant().isBefore(cutoff);
    }
}

package dev.berth.apply;

import dev.berth.host.FileStamp;
import dev.berth.repo.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sha256 of files Berth installed, hashed again only when their {@link FileStamp} (size, mtime, ctime,
 * inode and device, read with one {@code stat}) changed. Two more guards: a file not {@linkplain
 * FileStamp#settledAt settled} when it was hashed is not remembered (git's "racy" case), and a hash older
 * than the full-check interval is made again whatever the stamp says, so a change the stamp cannot show
 * (a file system that does not keep ctime) is found within that interval. A remembered hash is handed out as
 * the same {@code String} each time, which is what lets {@link ObservedFiles} tell an unchanged disk cheaply.
 *
 * <p>One instance per process ({@link #PROCESS}) serves the planner and {@code berth status}: the facts it
 * keeps are about files of this host by absolute path, the same for every caller, and a daemon keeps them
 * from sync to sync.
 */
public final class InstalledFileHashes {

    /** How long a remembered hash is trusted before the file is read again, changed stamp or not. */
    public static final Duration FULL_CHECK_EVERY = Duration.ofHours(1);

    public static final InstalledFileHashes PROCESS = new InstalledFileHashes(Clock.systemUTC(), FULL_CHECK_EVERY, Sha256::ofFile);

    @FunctionalInterface
    interface Hasher {
        String sha256(Path file) throws IOException;
    }

    private record Known(FileStamp stamp, String sha256, Instant hashedAt) {
    }

    private final Clock clock;
    private final Duration fullCheckEvery;
    private final Hasher hasher;
    private final Map<Path, Known> known = new ConcurrentHashMap<>();

    InstalledFileHashes(Clock clock, Duration fullCheckEvery, Hasher hasher) {
        this.clock = clock;
        this.fullCheckEvery = fullCheckEvery;
        this.hasher = hasher;
    }

    /**
     * The file's sha256, or empty when it is not a regular file (missing, a folder, a symlink).
     *
     * @throws IOException when it cannot be read
     */
    public Optional<String> sha256(Path file) throws IOException {
        // one stat for a regular file: its stamp says it is one. Without a stamp (missing, a folder, a symlink, or a
        // platform without unix attributes) a second look tells which
        Optional<FileStamp> stamp = FileStamp.of(file);
        if (stamp.isEmpty() && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            known.remove(file);
            return Optional.empty();
        }
        Instant now = clock.instant();
        Known before = known.get(file);
        if (stamp.isPresent() && before != null && before.stamp().equals(stamp.get())
                && before.hashedAt().plus(fullCheckEvery).isAfter(now)) {
            return Optional.of(before.sha256());
        }
        known.remove(file);
        String sha256 = hasher.sha256(file);
        if (stamp.isPresent() && stamp.get().settledAt(now)) {
            known.put(file, new Known(stamp.get(), sha256, now));
        }
        return Optional.of(sha256);
    }
}

package dev.berth.apply;

import dev.berth.repo.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sha256 of files Berth installed, hashed again only when their cheap metadata changed: size, mtime,
 * ctime, inode and device, read with one {@code stat}. ctime is in the stamp because nobody can set it: a
 * write that puts mtime back ({@code cp -p}, {@code touch -d}, rsync) still moves ctime. Two more guards:
 * a file whose mtime or ctime is within {@link #RACY} of the moment it was hashed is not remembered (a
 * second write in the same clock tick would leave the stamp as it was, git's "racy" case), and a hash older
 * than the full-check interval is made again whatever the stamp says, so a change the stamp cannot show
 * (a file system that does not keep ctime) is found within that interval.
 *
 * <p>One instance per process ({@link #PROCESS}) serves the planner and {@code berth status}: the facts it
 * keeps are about files of this host by absolute path, the same for every caller, and a daemon keeps them
 * from sync to sync.
 */
public final class InstalledFileHashes {

    /** How near its write a file must not be hashed and remembered. */
    static final Duration RACY = Duration.ofSeconds(2);
    /** How long a remembered hash is trusted before the file is read again, changed stamp or not. */
    public static final Duration FULL_CHECK_EVERY = Duration.ofHours(1);

    public static final InstalledFileHashes PROCESS = new InstalledFileHashes(Clock.systemUTC(), FULL_CHECK_EVERY, Sha256::ofFile);

    @FunctionalInterface
    interface Hasher {
        String sha256(Path file) throws IOException;
    }

    private record Stamp(long size, FileTime mtime, FileTime ctime, Object inode, Object device) {
    }

    private record Known(Stamp stamp, String sha256, Instant hashedAt) {
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
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            known.remove(file);
            return Optional.empty();
        }
        Optional<Stamp> stamp = stampOf(file);
        Instant now = clock.instant();
        Known before = known.get(file);
        if (stamp.isPresent() && before != null && before.stamp().equals(stamp.get())
                && before.hashedAt().plus(fullCheckEvery).isAfter(now)) {
            return Optional.of(before.sha256());
        }
        known.remove(file);
        String sha256 = hasher.sha256(file);
        if (stamp.isPresent() && settled(stamp.get(), now)) {
            known.put(file, new Known(stamp.get(), sha256, now));
        }
        return Optional.of(sha256);
    }

    private static boolean settled(Stamp stamp, Instant now) {
        Instant cutoff = now.minus(RACY);
        return stamp.mtime().toInstant().isBefore(cutoff) && stamp.ctime().toInstant().isBefore(cutoff);
    }

    /** size, mtime, ctime, inode, device; empty where the platform has no unix attributes (then nothing is remembered) */
    private static Optional<Stamp> stampOf(Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino,dev", LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new Stamp((Long) a.get("size"), (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("ctime"),
                    a.get("ino"), a.get("dev")));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }
}

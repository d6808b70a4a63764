package dev.berth.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The {@code status} tool's answer, kept for a short time: collecting it opens the git clone, forks
 * {@code systemctl} for every unit and {@code podman ps}, and hashes every deployed file, while an agent
 * may ask several times a second. Collected again once {@code ttl} has passed, at once when the state
 * folder changed (a deployment or sync recorded, the MCP servers' view rewritten), and after a write tool ran.
 */
final class StatusCache {
    /** Long enough to absorb bursts of calls, short enough that a unit's state is at most this old. */
    static final Duration TTL = Duration.ofSeconds(2);

    interface Collect {
        Map<String, Object> get() throws IOException;
    }

    private record Entry(Map<String, Object> result, String stamp, long at) {
    }

    private final Collect collect;
    private final Path stateDir;
    private final Duration ttl;
    private final LongSupplier nanoClock;
    private volatile Entry last;

    StatusCache(Collect collect, Path stateDir, Duration ttl, LongSupplier nanoClock) {
        this.collect = collect;
        this.stateDir = stateDir;
        this.ttl = ttl;
        this.nanoClock = nanoClock;
    }

    Map<String, Object> get() throws IOException {
        String stamp = stamp();
        Entry e = last;
        if (fresh(e, stamp)) {
            return e.result();
        }
        synchronized (this) {
            e = last;
            if (fresh(e, stamp)) {
                return e.result();
            }
            Map<String, Object> result = collect.get();
            last = new Entry(result, stamp, nanoClock.getAsLong());
            return result;
        }
    }

    void invalidate() {
        last = null;
    }

    private boolean fresh(Entry e, String stamp) {
        return e != null && e.stamp().equals(stamp) && nanoClock.getAsLong() - e.at() < ttl.toNanos();
    }

    /** Names, sizes and modification times of the state folder's files: what a recorded change touches. */
    private String stamp() {
        if (stateDir == null || !Files.isDirectory(stateDir)) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(stateDir)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                b.append(p.getFileName()).append(':').append(a.size()).append(':').append(a.lastModifiedTime().toMillis()).append(';');
            }
        } catch (IOException e) {
            return "unreadable:" + System.nanoTime(); // never matches: collect again
        }
        return b.toString();
    }
}

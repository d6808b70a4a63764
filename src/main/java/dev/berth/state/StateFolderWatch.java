package dev.berth.state;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Set;

/**
 * Tells when another process records a deployment: the kernel reports (inotify on Linux) each new
 * {@code applied.json} or {@code last-sync.json} in the state folder, which Berth writes by renaming a finished
 * temporary file into place. Nothing polls.
 */
public final class StateFolderWatch implements Closeable {
    /** The files whose replacement means a deployment was recorded. */
    static final Set<String> RECORDS = Set.of("applied.json", "last-sync.json");

    private final WatchService watcher;
    private final Thread thread;

    private StateFolderWatch(WatchService watcher, Thread thread) {
        this.watcher = watcher;
        this.thread = thread;
    }

    /**
     * @param onRecorded run on the watch's own thread, once per batch of changes
     * @throws IOException when the folder cannot be watched (it does not exist yet, say)
     */
    public static StateFolderWatch start(Path stateDir, Runnable onRecorded) throws IOException {
        WatchService watcher = FileSystems.getDefault().newWatchService();
        try {
            stateDir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            watcher.close();
            throw e;
        }
        Thread t = new Thread(() -> follow(watcher, onRecorded), "berth-state-watch");
        t.setDaemon(true);
        t.start();
        return new StateFolderWatch(watcher, t);
    }

    private static void follow(WatchService watcher, Runnable onRecorded) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean recorded = false;
                for (WatchEvent<?> e : key.pollEvents()) {
                    // an OVERFLOW (too many events at once) may have hidden one: count it as a record
                    recorded |= e.kind() == StandardWatchEventKinds.OVERFLOW
                            || e.context() instanceof Path p && RECORDS.contains(p.toString());
                }
                if (recorded) {
                    onRecorded.run();
                }
                if (!key.reset()) {
                    return; // the folder went (berth prune): nothing more to follow
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        watcher.close();
        thread.interrupt();
    }
}

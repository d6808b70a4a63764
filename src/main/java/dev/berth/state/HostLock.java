package dev.berth.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Berth at a time changes this host. An OS file lock (fcntl) is released by the kernel when the
 * process dies, so unlike a lock file it can never outlive a crash.
 */
public final class HostLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, waiting for another Berth to finish; says so when it has to wait. */
    public static HostLock acquire(Path stateDir, Runnable onWait) throws IOException {
        dev.berth.host.PrivateFolder.ensure(stateDir); // often the first to create the state folder
        FileChannel ch = FileChannel.open(stateDir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l = ch.tryLock();
        if (l == null) {
            onWait.run();
            l = ch.lock();
        }
        return new HostLock(ch, l);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}

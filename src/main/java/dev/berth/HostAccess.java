package dev.berth;

import dev.berth.state.HostLock;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One change to this host at a time: across processes by the OS lock in the state folder (released by the
 * kernel if Berth dies), and across the threads of this process first, since an OS lock is per process and a
 * second acquire in one JVM would fail instead of waiting.
 */
final class HostAccess {
    private final Path stateDir;
    private final Runnable onWait;
    private final ReentrantLock inProcess = new ReentrantLock(true);

    /** @param onWait says that another Berth holds the host and this one waits for it */
    HostAccess(Path stateDir, Runnable onWait) {
        this.stateDir = stateDir;
        this.onWait = onWait;
    }

    <T> T exclusively(Callable<T> body) throws Exception {
        if (inProcess.isHeldByCurrentThread()) {
            return body.call(); // a change made from within one (a rollback from a tool) already holds the host
        }
        inProcess.lock();
        try (HostLock ignored = HostLock.acquire(stateDir, onWait)) {
            return body.call();
        } finally {
            inProcess.unlock();
        }
    }
}

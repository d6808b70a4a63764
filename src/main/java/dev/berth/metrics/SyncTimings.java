package dev.berth.metrics;

import java.util.concurrent.atomic.AtomicLong;

/** How long syncs take and how many ended how, as the daemon sees them (the state files do not keep this). */
public final class SyncTimings {
    private volatile double lastSeconds = Double.NaN;
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public void record(double seconds, boolean succeeded) {
        lastSeconds = seconds;
        (succeeded ? ok : failed).incrementAndGet();
    }

    public double lastSeconds() {
        return lastSeconds;
    }

    public long ok() {
        return ok.get();
    }

    public long failed() {
        return failed.get();
    }
}

package dev.berth.hooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deliveries seen lately, to ignore one sent again: at most {@code capacity} keys, each forgotten after
 * {@code window}, so a flood of deliveries cannot grow the daemon's memory. Keys are only ever added for
 * authentic deliveries (the caller checks the signature first), so nobody without the secret can make Berth
 * ignore a real delivery by sending its id ahead of it.
 */
public final class RecentDeliveries {
    private final int capacity;
    private final Duration window;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    public RecentDeliveries(int capacity, Duration window) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.window = window;
    }

    /** Remembers {@code key}; false if it was already seen within the window (a replay). */
    public synchronized boolean firstTime(String key, Instant now) {
        forgetBefore(now.minus(window));
        if (seen.containsKey(key)) {
            return false;
        }
        seen.put(key, now);
        if (seen.size() > capacity) {
            Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    synchronized int size() {
        return seen.size();
    }

    private void forgetBefore(Instant cutoff) {
        Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
        while (it.hasNext() && it.next().getValue().isBefore(cutoff)) {
            it.remove();
        }
    }
}

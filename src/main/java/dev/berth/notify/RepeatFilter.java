package dev.berth.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Repeats suppressed: the same event kind about the same commit to the same channel goes once per window (a refused
 * commit is refused again at every interval). Test events always go.
 */
final class RepeatFilter {
    private record Key(String channel, EventKind kind, String commit) {
    }

    private final Duration window;
    private final Map<Key, Instant> sent = new HashMap<>();

    RepeatFilter(Duration window) {
        this.window = window;
    }

    /** True when this event should go to {@code channel} now; remembers it if so. */
    synchronized boolean admit(String channel, Event e) {
        if (e.kind() == EventKind.TEST) {
            return true;
        }
        Instant now = e.time();
        sent.values().removeIf(at -> Duration.between(at, now).compareTo(window) >= 0);
        Key key = new Key(channel, e.kind(), Objects.requireNonNullElse(e.commit(), ""));
        if (sent.containsKey(key)) {
            return false;
        }
        sent.put(key, now);
        return true;
    }
}

package dev.berth.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When the daemon counts as unhealthy, told once per spell: {@code failuresInARow} syncs failed one after another
 * (a refusal counts: the host is not on its newest commit), or no sync has finished for {@code stuckAfter} (the sync
 * thread hangs, or the interval's syncs never finish). A sync that ends well ends the spell.
 */
final class HealthWatch {
    private final String host;
    private final int failuresInARow;
    private final Duration stuckAfter;
    private int failures;
    private Instant lastFinished;
    private boolean toldFailing;
    private boolean toldStuck;

    HealthWatch(String host, int failuresInARow, Duration stuckAfter, Instant started) {
        this.host = host;
        this.failuresInARow = failuresInARow;
        this.stuckAfter = stuckAfter;
        this.lastFinished = started;
    }

    /** The daemon's syncs run every {@code interval}: stuck after three of them, and never before 30 minutes. */
    static Duration stuckAfter(Duration interval) {
        Duration three = interval.multipliedBy(3);
        return three.compareTo(Duration.ofMinutes(30)) > 0 ? three : Duration.ofMinutes(30);
    }

    synchronized Optional<Event> finished(boolean ok, String commit, String error, Instant now) {
        lastFinished = now;
        toldStuck = false;
        if (ok) {
            failures = 0;
            toldFailing = false;
            return Optional.empty();
        }
        failures++;
        if (failures < failuresInARow || toldFailing) {
            return Optional.empty();
        }
        toldFailing = true;
        return Optional.of(new Event(EventKind.UNHEALTHY, host, commit, null,
                failures + " syncs failed in a row; the last: " + error, Optional.empty(), List.of(), now));
    }

    synchronized Optional<Event> check(Instant now) {
        if (toldStuck || Duration.between(lastFinished, now).compareTo(stuckAfter) < 0) {
            return Optional.empty();
        }
        toldStuck = true;
        return Optional.of(new Event(EventKind.UNHEALTHY, host, null, null,
                "no sync has finished for " + Duration.between(lastFinished, now).toMinutes() + " minutes (since " + lastFinished
                        + "): the sync thread may be stuck", Optional.empty(), List.of(), now));
    }
}

package dev.berth.notify;

import dev.berth.apply.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One notification: what happened on which host, to which commit.
 *
 * @param commit         the commit it is about (the refused one for {@link EventKind#REFUSED}); null when none
 * @param previousCommit the commit deployed before (null on a fresh host, or when unknown)
 * @param reason         what happened, in words (the sync's error, the refusal)
 * @param refusal        which guard refused the commit, for {@link EventKind#REFUSED}
 * @param failedUnits    the systemd names of units that did not come up
 */
public record Event(EventKind kind, String host, String commit, String previousCommit, String reason,
                    Optional<Refusal.Kind> refusal, List<String> failedUnits, Instant time) {

    public Event {
        failedUnits = List.copyOf(failedUnits);
    }

    static String shortId(String commit) {
        return commit == null ? "(none)" : commit.substring(0, Math.min(12, commit.length()));
    }
}

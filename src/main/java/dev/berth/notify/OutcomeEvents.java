package dev.berth.notify;

import dev.berth.DeploymentFinished;
import dev.berth.apply.Ending;
import dev.berth.apply.SyncOutcome;
import dev.berth.state.SyncReport;
import dev.berth.state.UnitFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The notifications one finished deployment makes: pure, so every ending is unit-tested. */
final class OutcomeEvents {
    private OutcomeEvents() {
    }

    static List<Event> of(DeploymentFinished done, String host, Instant now) {
        if (done.outcome().isEmpty()) {
            return List.of(new Event(EventKind.FAILED, host, null, null,
                    "the deployment ended with an error before it recorded anything (see the daemon's log)",
                    Optional.empty(), List.of(), now));
        }
        SyncOutcome outcome = done.outcome().get();
        SyncReport report = outcome.report();
        Ending ending = outcome.ending();
        String previous = ending.previousCommit();
        List<String> failed = report.failedUnits().stream().map(UnitFailure::systemdName).toList();
        List<Event> events = new ArrayList<>();
        if (ending.refusal().isPresent()) {
            var r = ending.refusal().get();
            events.add(new Event(EventKind.REFUSED, host, r.commit(), previous, r.reason(), Optional.of(r.kind()), List.of(), now));
        } else if (ending.rolledBack()) {
            events.add(new Event(EventKind.FAILED, host, outcome.commit(), previous, report.error(), Optional.empty(), failed, now));
            events.add(new Event(EventKind.ROLLED_BACK, host, outcome.commit(), previous, report.error(), Optional.empty(), failed, now));
        } else if (!outcome.ok()) {
            events.add(new Event(EventKind.FAILED, host, outcome.commit(), previous, report.error(), Optional.empty(), failed, now));
        } else if (outcome.changed() && outcome.commit() != null && !outcome.commit().equals(previous)) {
            events.add(new Event(EventKind.DEPLOYED, host, outcome.commit(), previous,
                    "deployed " + Event.shortId(outcome.commit()) + (previous == null ? "" : " (was " + Event.shortId(previous) + ")"),
                    Optional.empty(), List.of(), now));
        }
        if (!report.driftRepaired().isEmpty()) {
            events.add(new Event(EventKind.DRIFT_REPAIRED, host, outcome.commit(), previous,
                    "changed on the host and written back: " + String.join(", ", report.driftRepaired()),
                    Optional.empty(), List.of(), now));
        }
        return events;
    }
}

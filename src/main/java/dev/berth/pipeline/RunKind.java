package dev.berth.pipeline;

import dev.berth.state.UnitFailure;
import java.util.List;

/** Which commit a run deploys: the followed ref's newest (a sync), or the last good one (an automatic rollback). */
public sealed interface RunKind {

    /** A sync: fetch, pick the commit the followed ref (or a rollback pin) names, guard it, deploy it. */
    record Followed(SyncOptions options) implements RunKind {
    }

    /**
     * Back to the last good commit after {@code failures} did not come up under a newer one. Nothing is fetched
     * or recorded: the run that rolls back records the outcome.
     */
    record LastGood(String commit, String subPath, List<UnitFailure> failures) implements RunKind {
        public LastGood {
            failures = List.copyOf(failures);
        }
    }
}

package dev.berth.agent;

import dev.berth.apply.Progress;
import dev.berth.apply.SyncOutcome;
import dev.berth.state.DeploymentReason;

/** Runs one sync holding the host lock; the daemon gives it the progress sink of whoever asked. */
@FunctionalInterface
public interface SyncRunner {
    /** @param noRollback keep a failed commit applied instead of rolling back ({@code sync --no-rollback}), this sync only */
    SyncOutcome sync(boolean dryRun, boolean resume, boolean noRollback, DeploymentReason reason, Progress progress) throws Exception;
}

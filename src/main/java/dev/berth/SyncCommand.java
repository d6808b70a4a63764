package dev.berth;

import dev.berth.state.DeploymentReason;
import dev.berth.apply.Progress;
import dev.berth.apply.SyncOutcome;
import dev.berth.pipeline.SyncOptions;

/** {@code berth sync}: fetch and converge the host to the followed ref's newest commit (or a rollback pin's). */
public final class SyncCommand {
    private final Berth berth;
    private SyncOptions options = SyncOptions.apply(DeploymentReason.SYNC);
    private Progress progress;

    SyncCommand(Berth berth) {
        this.berth = berth;
        this.progress = berth.progress();
    }

    /** Change nothing on the host (no file, no systemctl call): the outcome carries the plan. */
    public SyncCommand dryRun() {
        options = new SyncOptions(SyncOptions.Mode.DRY_RUN, options.pin(), options.onFailure(), DeploymentReason.DRY_RUN);
        return this;
    }

    /** Lift a rollback pin and follow the ref again. */
    public SyncCommand resume() {
        options = options.withPin(SyncOptions.Pin.LIFT);
        return this;
    }

    /** Keep a commit whose units do not come up (the next sync retries them) instead of rolling back. */
    public SyncCommand keepFailed() {
        options = options.withOnFailure(SyncOptions.OnFailure.KEEP_FAILED);
        return this;
    }

    /** Why this sync runs, as history records it (default: sync, or dry-run). */
    public SyncCommand reason(DeploymentReason reason) {
        options = options.withReason(reason);
        return this;
    }

    public SyncCommand progress(Progress to) {
        progress = to;
        return this;
    }

    public SyncOutcome call() throws Exception {
        return berth.deploy(options, progress);
    }
}

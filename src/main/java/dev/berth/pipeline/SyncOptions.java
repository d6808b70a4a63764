package dev.berth.pipeline;

import dev.berth.state.DeploymentReason;

/**
 * How one sync runs.
 *
 * @param reason why it runs, as history records it
 */
public record SyncOptions(Mode mode, Pin pin, OnFailure onFailure, DeploymentReason reason) {

    /** Whether the sync changes the host, or only says what it would do. */
    public enum Mode { APPLY, DRY_RUN }

    /** What to do with a rollback pin ({@code berth rollback}): keep it, or lift it ({@code sync --resume}). */
    public enum Pin { KEEP, LIFT }

    /** When the commit's units do not come up: roll back to the last good commit, or keep it ({@code --no-rollback}). */
    public enum OnFailure { ROLL_BACK, KEEP_FAILED }

    public static SyncOptions apply(DeploymentReason reason) {
        return new SyncOptions(Mode.APPLY, Pin.KEEP, OnFailure.ROLL_BACK, reason);
    }

    public static SyncOptions dryRun(DeploymentReason reason) {
        return new SyncOptions(Mode.DRY_RUN, Pin.KEEP, OnFailure.ROLL_BACK, reason);
    }

    public SyncOptions withPin(Pin pin) {
        return new SyncOptions(mode, pin, onFailure, reason);
    }

    public SyncOptions withOnFailure(OnFailure onFailure) {
        return new SyncOptions(mode, pin, onFailure, reason);
    }

    public SyncOptions withReason(DeploymentReason reason) {
        return new SyncOptions(mode, pin, onFailure, reason);
    }

    public boolean dryRun() {
        return mode == Mode.DRY_RUN;
    }

    public boolean resume() {
        return pin == Pin.LIFT;
    }
}

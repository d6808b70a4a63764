package dev.berth;

import dev.berth.apply.Progress;
import dev.berth.apply.SyncOutcome;

/** {@code berth rollback}: pin the host to an earlier commit until a new commit arrives or {@code sync --resume}. */
public final class RollbackCommand {
    private final Berth berth;
    private String commit;
    private Progress progress;

    RollbackCommand(Berth berth) {
        this.berth = berth;
        this.progress = berth.progress();
    }

    /** The commit (or a prefix of it) to go back to; default: the previous good deployment. */
    public RollbackCommand to(String commitOrPrefix) {
        commit = commitOrPrefix;
        return this;
    }

    public RollbackCommand progress(Progress to) {
        progress = to;
        return this;
    }

    public SyncOutcome call() throws Exception {
        return berth.change(deployer -> deployer.rollback(commit), progress);
    }
}

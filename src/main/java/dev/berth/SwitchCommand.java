package dev.berth;

import dev.berth.apply.Progress;
import dev.berth.apply.SyncOutcome;

/** {@code berth switch}: follow another repository (or ref, or folder), moving the host by a diff, not a teardown. */
public final class SwitchCommand {
    private final Berth berth;
    private final String remote;
    private String ref;
    private String path;
    private Progress progress;

    SwitchCommand(Berth berth, String remote) {
        this.berth = berth;
        this.remote = remote;
        this.progress = berth.progress();
    }

    /** The branch or tag to follow (default: the remote's default branch). */
    public SwitchCommand ref(String name) {
        ref = name;
        return this;
    }

    /** The folder of the repository to deploy (default: all of it). */
    public SwitchCommand path(String folder) {
        path = folder;
        return this;
    }

    public SwitchCommand progress(Progress to) {
        progress = to;
        return this;
    }

    public SyncOutcome call() throws Exception {
        return berth.change(deployer -> deployer.switchTo(remote, ref, path), progress);
    }
}

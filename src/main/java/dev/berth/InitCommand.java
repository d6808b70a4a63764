package dev.berth;

import dev.berth.apply.Progress;
import dev.berth.apply.SyncOutcome;
import dev.berth.state.BerthConfig;
import dev.berth.state.SafetySettings;

/** {@code berth init}: clone the repository, remember what to follow and the safety settings, deploy. */
public final class InitCommand {
    private final Berth berth;
    private final BerthConfig config;
    private SafetySettings safety;
    private Progress progress;

    InitCommand(Berth berth, BerthConfig config) {
        this.berth = berth;
        this.config = config;
        this.progress = berth.progress();
    }

    /** Signed commits only, no automatic rollback, adopted units: saved before the first deploy (a host already set up keeps its own). */
    public InitCommand safety(SafetySettings settings) {
        this.safety = settings;
        return this;
    }

    public InitCommand progress(Progress to) {
        progress = to;
        return this;
    }

    public SyncOutcome call() throws Exception {
        return berth.change(deployer -> {
            if (safety != null && !berth.store().isInitialized()) { // an initialised host keeps its settings: init refuses
                berth.safety().saveSettings(safety);
            }
            return deployer.init(config);
        }, progress);
    }
}

package dev.berth.pipeline;

import dev.berth.apply.DeployException;
import dev.berth.apply.Progress;
import dev.berth.git.GitException;
import dev.berth.git.GitSource;
import dev.berth.state.AppliedState;
import dev.berth.state.BerthConfig;
import dev.berth.state.SafetySettings;
import dev.berth.state.StateStore;
import java.io.IOException;
import java.nio.file.Path;

/** The repository this host follows: its settings in the state folder, and the local clone. */
final class FollowedRepository {
    private FollowedRepository() {
    }

    static BerthConfig config(StateStore store) throws DeployException {
        try {
            return store.config();
        } catch (IOException e) {
            throw new DeployException(e.getMessage(), e);
        }
    }

    static void save(StateStore store, BerthConfig config) throws DeployException {
        try {
            store.saveConfig(config);
        } catch (IOException e) {
            throw new DeployException("cannot save " + store.dir() + "/config.json: " + e.getMessage(), e);
        }
    }

    static AppliedState applied(StateStore store) throws DeployException {
        try {
            return store.applied();
        } catch (IOException e) {
            throw new DeployException(e.getMessage(), e);
        }
    }

    static SafetySettings safetySettings(Parts parts) throws DeployException {
        try {
            return parts.safety().settings();
        } catch (IOException e) {
            throw new DeployException(e.getMessage(), e);
        }
    }

    /** The local clone; a damaged one (a crash mid-fetch, a full disk) is cloned again. */
    static GitSource open(StateStore store, BerthConfig config, Progress progress) throws GitException {
        try {
            return GitSource.open(store.cloneDir(), config.ref(), sshKey(config), config.remote());
        } catch (GitException damaged) {
            progress.step(damaged.getMessage() + ": cloning again");
            return GitSource.cloneInto(config.remote(), config.ref(), store.cloneDir(), sshKey(config));
        }
    }

    static Path sshKey(BerthConfig config) {
        return config.sshKey() == null ? null : Path.of(config.sshKey());
    }
}

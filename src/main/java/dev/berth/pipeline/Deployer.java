package dev.berth.pipeline;

import dev.berth.failure.FailureKind;
import dev.berth.state.SyncResult;
import dev.berth.state.DeploymentReason;
import dev.berth.apply.Applier;
import dev.berth.apply.DeployException;
import dev.berth.apply.HealthGate;
import dev.berth.apply.Progress;
import dev.berth.apply.SyncOutcome;
import dev.berth.build.BuildStep;
import dev.berth.desired.RepositoryLoader;
import dev.berth.git.GitException;
import dev.berth.git.GitSource;
import dev.berth.git.RemoteUrls;
import dev.berth.host.FileTrees;
import dev.berth.host.HostLayout;
import dev.berth.host.PrivateFolder;
import dev.berth.host.Systemd;
import dev.berth.secret.SecretStep;
import dev.berth.state.BerthConfig;
import dev.berth.state.Deployment;
import dev.berth.state.StateStore;
import dev.berth.state.SyncReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The operations that deploy: init, switch, rollback and sync. Each does its own preparation (clone, pin) and
 * then runs the one {@link Pipeline}: fetch → export → load and validate → prepare builds → plan → apply →
 * record. Anything that fails before the apply leaves the host exactly as it was.
 */
public final class Deployer {
    /** History result of a commit that was applied, did not come up, and was rolled back. */
    public static final SyncResult ROLLED_BACK = SyncResult.ROLLED_BACK;

    private final Parts parts;
    private final Pipeline pipeline;
    private final SyncOptions.OnFailure onFailure;

    public Deployer(Parts parts, Pipeline pipeline) {
        this(parts, pipeline, SyncOptions.OnFailure.ROLL_BACK);
    }

    private Deployer(Parts parts, Pipeline pipeline, SyncOptions.OnFailure onFailure) {
        this.parts = parts;
        this.pipeline = pipeline;
        this.onFailure = onFailure;
    }

    public Deployer(HostLayout layout, StateStore store, Systemd systemd, RepositoryLoader loader, Progress progress,
                    Clock clock) {
        this(layout, store, systemd, loader, progress, clock, Applier.DEFAULT_SETTLE);
    }

    /** @param settle how long after starting units to look again for ones that died at once */
    public Deployer(HostLayout layout, StateStore store, Systemd systemd, RepositoryLoader loader, Progress progress,
                    Clock clock, Duration settle) {
        this(layout, store, systemd, loader, progress, clock, settle, BuildStep.NONE, HealthGate.NONE);
    }

    /**
     * @param builds adds reproducible-build drop-ins before planning and builds changed images before applying
     * @param health checks a started unit's health before it is recorded (a failure rolls the commit back)
     */
    public Deployer(HostLayout layout, StateStore store, Systemd systemd, RepositoryLoader loader, Progress progress,
                    Clock clock, Duration settle, BuildStep builds, HealthGate health) {
        this(new Parts(layout, store, systemd, loader, progress, clock, settle, builds, health, SecretStep.NONE), Pipeline.standard());
    }

    public Parts parts() {
        return parts;
    }

    /** Turns the repository's {@code .age} files into Podman secrets before units change (none by default). */
    public Deployer withSecrets(SecretStep secrets) {
        return new Deployer(parts.withSecrets(secrets), pipeline, onFailure);
    }

    /** For this deployer's syncs: leave a failed commit applied instead of rolling back ({@code sync --no-rollback}). */
    public Deployer keepFailedState() {
        return new Deployer(parts, pipeline, SyncOptions.OnFailure.KEEP_FAILED);
    }

    /** {@code berth init}: clone, remember what to follow, deploy. */
    public SyncOutcome init(BerthConfig config) throws DeployException {
        StateStore store = parts.store();
        if (store.isInitialized()) {
            String current = "another repository";
            try {
                current = RemoteUrls.redact(store.config().remote());
            } catch (IOException ignored) {
                // the message below still says what to do
            }
            throw new DeployException(FailureKind.REFUSED, "this host already follows " + current
                    + ": use 'berth switch URL' to move to another repository, or 'berth prune' to start over");
        }
        parts.progress().step("clone " + RemoteUrls.redact(config.remote()) + (config.ref() == null ? "" : " (" + config.ref() + ")"));
        try {
            PrivateFolder.ensure(store.dir()); // before the clone, which would make it 0755
        } catch (IOException e) {
            throw new DeployException("cannot create the state folder " + store.dir() + ": " + e.getMessage(), e);
        }
        try (GitSource source = GitSource.cloneInto(config.remote(), config.ref(), store.cloneDir(),
                FollowedRepository.sshKey(config))) {
            // cloned and the ref resolved: now it is safe to remember the config, with the ref in full
            config = config.withRef(source.fullRef(config.ref(), null));
        } catch (GitException e) {
            throw new DeployException(e.getMessage(), e);
        }
        FollowedRepository.save(store, config);
        return run(SyncOptions.apply(DeploymentReason.INIT));
    }

    /** {@code berth switch}: follow another repository, moving the host by a diff, not a teardown. */
    public SyncOutcome switchTo(String remote, String ref, String path) throws DeployException {
        StateStore store = parts.store();
        BerthConfig old = FollowedRepository.config(store);
        Path staging = store.dir().resolve("repo.git.switch");
        parts.progress().step("clone " + RemoteUrls.redact(remote));
        String fullRef;
        try (GitSource source = GitSource.cloneInto(remote, ref, staging, FollowedRepository.sshKey(old))) {
            // validated that the new remote and ref exist before touching anything
            fullRef = source.fullRef(ref, null);
        } catch (GitException e) {
            throw new DeployException(e.getMessage() + " (still following " + RemoteUrls.redact(old.remote()) + ")", e);
        }
        try {
            FileTrees.deleteRecursively(store.cloneDir());
            Files.move(staging, store.cloneDir());
        } catch (IOException e) {
            throw new DeployException("cannot replace the local clone: " + e.getMessage(), e);
        }
        FollowedRepository.save(store, old.withRemote(remote, fullRef, path == null ? "" : path));
        return run(SyncOptions.apply(DeploymentReason.SWITCH));
    }

    /** {@code berth rollback}: pin the host to an earlier commit until a new commit or {@code sync --resume}. */
    public SyncOutcome rollback(String commitOrNull) throws DeployException {
        BerthConfig config = FollowedRepository.config(parts.store());
        try (GitSource source = FollowedRepository.open(parts.store(), config, parts.progress())) {
            String target = commitOrNull != null ? source.commit(commitOrNull).id() : previousGoodCommit();
            String head = source.resolve().id();
            FollowedRepository.save(parts.store(), config.withPin(target, head));
            parts.progress().step("pinned to " + target.substring(0, 12) + " until a new commit arrives or 'berth sync --resume'");
        } catch (GitException e) {
            throw new DeployException(e.getMessage(), e);
        }
        return run(SyncOptions.apply(DeploymentReason.ROLLBACK));
    }

    private String previousGoodCommit() throws DeployException {
        try {
            String current = parts.store().applied().commit();
            List<Deployment> history = parts.store().history();
            for (int i = history.size() - 1; i >= 0; i--) {
                Deployment d = history.get(i);
                if (SyncResult.OK == d.result() && d.commit() != null && !d.commit().equals(current)) {
                    return d.commit();
                }
            }
        } catch (IOException e) {
            throw new DeployException(e.getMessage(), e);
        }
        throw new DeployException(FailureKind.INVALID_INPUT, "no earlier successful deployment to roll back to: name a commit, 'berth rollback COMMIT'");
    }

    /**
     * {@code berth sync}: fetch and converge. A dry run changes nothing on the host (no file, no systemctl call)
     * and returns the plan. This deployer's {@link #keepFailedState} wins over the options'.
     */
    public SyncOutcome run(SyncOptions options) throws DeployException {
        if (onFailure == SyncOptions.OnFailure.KEEP_FAILED) {
            options = options.withOnFailure(onFailure);
        }
        return pipeline.sync(options, parts);
    }
}

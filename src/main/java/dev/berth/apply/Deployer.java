package dev.berth.apply;

import dev.berth.build.GeneratedFiles;
import dev.berth.build.BuildException;
import dev.berth.build.BuildStep;
import dev.berth.failure.FailureKind;
import dev.berth.git.CommitInfo;
import dev.berth.git.GitException;
import dev.berth.git.GitSource;
import dev.berth.git.RemoteUrls;
import dev.berth.host.FileTrees;
import dev.berth.host.HostLayout;
import dev.berth.host.Systemd;
import dev.berth.plan.Plan;
import dev.berth.plan.Planner;
import dev.berth.repo.DesiredState;
import dev.berth.repo.Problem;
import dev.berth.state.AppliedState;
import dev.berth.state.BerthConfig;
import dev.berth.state.Deployment;
import dev.berth.state.DeploymentReason;
import dev.berth.state.RejectedCommit;
import dev.berth.state.SafetySettings;
import dev.berth.state.SafetyStore;
import dev.berth.state.StateStore;
import dev.berth.state.SyncReport;
import dev.berth.state.SyncResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The deployment flow: fetch → export the commit → read and validate it → plan against what is applied
 * → apply → record. Anything that fails before the apply leaves the host exactly as it was.
 */
public final class Deployer {
    private static final String CURRENT = "current";

    private final HostLayout layout;
    private final StateStore store;
    private final Systemd systemd;
    private final RepositoryLoader loader;
    private final Progress progress;
    private final Clock clock;
    private final Duration settle;
    private final BuildStep builds;
    private final HealthGate health;
    private final SafetyStore safety;
    private boolean keepFailedState;
    private dev.berth.secret.SecretStep secrets = dev.berth.secret.SecretStep.NONE;

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
        this.builds = builds;
        this.health = health;
        this.safety = new SafetyStore(store.dir());
        this.layout = layout;
        this.store = store;
        this.systemd = systemd;
        this.loader = loader;
        this.progress = progress;
        this.clock = clock;
        this.settle = settle;
    }

    /** Turns the repository's {@code .age} files into Podman secrets before units change (none by default). */
    public Deployer withSecrets(dev.berth.secret.SecretStep secrets) {
        this.secrets = secrets;
        return this;
    }

    /** For this deployer's syncs: leave a failed commit applied instead of rolling back ({@code sync --no-rollback}). */
    public Deployer keepFailedState() {
        this.keepFailedState = true;
        return this;
    }

    /** {@code berth init}: clone, remember what to follow, deploy. */
    public SyncOutcome init(BerthConfig config) throws DeployException {
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
        progress.step("clone " + RemoteUrls.redact(config.remote()) + (config.ref() == null ? "" : " (" + config.ref() + ")"));
        try {
            dev.berth.host.PrivateFolder.ensure(store.dir()); // before the clone, which would make it 0755
        } catch (IOException e) {
            throw new DeployException("cannot create the state folder " + store.dir() + ": " + e.getMessage(), e);
        }
        try (GitSource source = GitSource.cloneInto(config.remote(), config.ref(), store.cloneDir(), sshKey(config))) {
            // cloned and the ref resolved: now it is safe to remember the config, with the ref in full
            config = config.withRef(source.fullRef(config.ref(), null));
        } catch (GitException e) {
            throw new DeployException(e.getMessage(), e);
        }
        save(config);
        return sync(false, false, DeploymentReason.INIT);
    }

    /** {@code berth switch}: follow another repository, moving the host by a diff, not a teardown. */
    public SyncOutcome switchTo(String remote, String ref, String path) throws DeployException {
        BerthConfig old = config();
        Path staging = store.dir().resolve("repo.git.switch");
        progress.step("clone " + RemoteUrls.redact(remote));
        String fullRef;
        try (GitSource source = GitSource.cloneInto(remote, ref, staging, sshKey(old))) {
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
        save(old.withRemote(remote, fullRef, path == null ? "" : path));
        return sync(false, false, DeploymentReason.SWITCH);
    }

    /** {@code berth rollback}: pin the host to an earlier commit until a new commit or {@code sync --resume}. */
    public SyncOutcome rollback(String commitOrNull) throws DeployException {
        BerthConfig config = config();
        try (GitSource source = openOrReclone(config)) {
            String target;
            if (commitOrNull != null) {
                target = source.commit(commitOrNull).id();
            } else {
                target = previousGoodCommit();
            }
            String head = source.resolve().id();
            save(config.withPin(target, head));
            progress.step("pinned to " + target.substring(0, 12) + " until a new commit arrives or 'berth sync --resume'");
        } catch (GitException e) {
            throw new DeployException(e.getMessage(), e);
        }
        return sync(false, false, DeploymentReason.ROLLBACK);
    }

    private String previousGoodCommit() throws DeployException {
        try {
            String current = store.applied().commit();
            List<Deployment> history = store.history();
            for (int i = history.size() - 1; i >= 0; i--) {
                Deployment d = history.get(i);
                if (SyncResult.OK.equals(d.result()) && d.commit() != null && !d.commit().equals(current)) {
                    return d.commit();
                }
            }
        } catch (IOException e) {
            throw new DeployException(e.getMessage(), e);
        }
        throw new DeployException(FailureKind.INVALID_INPUT, "no earlier successful deployment to roll back to: name a commit, 'berth rollback COMMIT'");
    }

    /**
     * {@code berth sync}: fetch and converge. With {@code dryRun} nothing changes on the host — no file,
     * no systemctl call — and the plan is returned.
     */
    public SyncOutcome sync(boolean dryRun, boolean resume, DeploymentReason reason) throws DeployException {
        BerthConfig config = config();
        if (resume && config.pinnedCommit() != null && !dryRun) {
            config = config.withPin(null, null);
            save(config);
            progress.step("pin lifted: following " + (config.ref() == null ? "the default branch" : config.ref()) + " again");
        }
        AppliedState applied = applied();
        if (!GitSource.isFullRef(config.ref())) {
            try {
                config = recordFullRef(config, applied.commit(), dryRun);
            } catch (GitException e) {
                return failed(dryRun, null, e.getMessage(), reason);
            }
        }
        SafetySettings settings = safetySettings();
        Optional<String> refusal = Optional.empty();
        CommitInfo target;
        boolean pinned = false;
        String rewindOf = null;
        Path checkout = store.checkoutsDir().resolve(CURRENT);
        try (GitSource source = openOrReclone(config)) {
            progress.step("fetch " + RemoteUrls.redact(config.remote()));
            source.fetch();
            CommitInfo head = source.resolve();
            target = head;
            if (config.pinnedCommit() != null) {
                if (head.id().equals(config.pinnedAgainst()) || resume && dryRun) {
                    target = source.commit(config.pinnedCommit());
                    pinned = !resume;
                } else if (!dryRun) {
                    progress.step("new commit " + head.shortId() + " lifts the rollback pin");
                    config = config.withPin(null, null);
                    save(config);
                }
            }
            // A rollback names its commit and a switch follows another repository: neither is a rewind.
            Optional<CommitInfo> rewoundFrom = pinned || reason == DeploymentReason.SWITCH
                    || !CommitGuard.rewinds(source, applied.commit(), target.id())
                    ? Optional.empty() : Optional.of(deployedCommit(source, applied.commit()));
            refusal = CommitGuard.refusal(source, target, settings, pinned ? Optional.empty() : safety.rejected(), pinned, rewoundFrom);
            if (refusal.isEmpty() && rewoundFrom.isPresent()) {
                progress.step("warning: " + target.shortId() + " does not descend from the deployed commit "
                        + rewoundFrom.get().shortId() + ": the followed ref was moved back or rewritten; deploying it as a rewind"
                        + " (with commit verification it would be refused)");
                reason = DeploymentReason.REWIND;
                rewindOf = rewoundFrom.get().id();
            }
            if (refusal.isEmpty() && !target.id().equals(applied.commit())) {
                refusal = source.treeRefusal(target, config.path()); // unsafe names, over the limits: before any of it is written
            }
            if (refusal.isPresent()) {
                progress.step(refusal.get());
                if (applied.commit() == null) {
                    return failed(dryRun, target, refusal.get() + "; nothing was applied", reason);
                }
                // The last good deployment stays, and is still converged (drift repaired, failed units retried).
                target = source.commit(applied.commit());
            }
            if (dryRun) {
                checkout = store.checkoutsDir().resolve("preview");
                source.export(target.id(), config.path(), checkout);
            } else {
                exportIfNeeded(source, target.id(), config.path(), checkout);
            }
        } catch (GitException e) {
            return failed(dryRun, null, e.getMessage(), reason);
        } catch (IOException e) {
            return failed(dryRun, null, "cannot read " + store.dir() + "/rejected.json: " + e.getMessage(), reason);
        }

        LoadedRepository loaded = loader.load(checkout, dryRun ? null : target.id() + ":" + config.path());
        if (!loaded.errors().isEmpty()) {
            String problems = loaded.errors().stream().map(Problem::toString).limit(20).collect(Collectors.joining("\n  "));
            return failed(dryRun, target, "commit " + target.shortId() + " is invalid and was not applied:\n  " + problems, reason);
        }
        DesiredState desired;
        try {
            desired = builds.prepare(loaded.desired(),
                    new BuildStep.Source(checkout, store.cloneDir(), target.id(), config.path()), progress::step);
        } catch (BuildException e) {
            return failed(dryRun, target, e.getMessage(), reason);
        }
        Plan plan = Planner.plan(desired, applied, ObservedFiles.of(layout, applied));
        // Only looks at the unit folders, so a plan or dry run can say the sync would be refused.
        ReservedUnitNames hostUnits = ReservedUnitNames.forHost(layout);
        List<String> reserved = hostUnits.refusals(desired, applied, Set.copyOf(settings.adopted()));
        if (dryRun) {
            SyncReport report = reserved.isEmpty()
                    ? refused(new SyncReport(clock.millis(), SyncResult.OK, target.id(), null, List.of(), List.of()), refusal)
                    : new SyncReport(clock.millis(), SyncResult.FAILED, target.id(),
                            "commit " + target.shortId() + " would not be applied:\n  " + String.join("\n  ", reserved), List.of(), List.of());
            return new SyncOutcome(plan, report, false, target.id(), pinned, desired, checkout);
        }
        // A sync killed after it recorded the commit but before its report did not finish (gone secrets, history).
        if (plan.isEmpty() && target.id().equals(applied.commit()) && reportedOn(target.id())) {
            progress.step("nothing to do: the host matches " + target.shortId());
            SyncReport report = refused(new SyncReport(clock.millis(), SyncResult.OK, target.id(), null, List.of(), List.of()), refusal);
            saveReport(report);
            return new SyncOutcome(plan, report, false, target.id(), pinned, desired, checkout);
        }
        if (!reserved.isEmpty()) {
            return failed(false, target, "commit " + target.shortId() + " was not applied:\n  " + String.join("\n  ", reserved), reason);
        }
        applied = Adoption.claim(plan, applied, Set.copyOf(settings.adopted()));
        try {
            for (Adoption.SetAside aside : Adoption.setAsideShadowing(hostUnits.hostQuadlets(), desired, Set.copyOf(settings.adopted()))) {
                progress.step("adopted: the host's quadlet is kept as " + aside.file() + "; stop " + aside.unit()
                        + " so the repository's definition starts");
                systemd.stop(aside.unit(), Duration.ofSeconds(90)); // a start of a running unit would keep the host's
            }
        } catch (IOException | dev.berth.host.HostException e) {
            return failed(false, target, "commit " + target.shortId() + " was not applied: cannot set the host's adopted quadlet aside: "
                    + e.getMessage(), reason);
        }
        try {
            secrets.install(checkout, progress::step); // decrypts all first: a bad secret changes nothing
        } catch (dev.berth.secret.SecretException e) {
            return failed(false, target, "commit " + target.shortId() + " was not applied: " + e.getMessage(), reason);
        }
        progress.step("deploy " + target.shortId() + " " + target.subject());
        try {
            builds.buildChanged(plan, desired, checkout, progress::step);
        } catch (BuildException e) {
            return failed(false, target, e.getMessage(), reason);
        }
        ApplyResult result;
        try {
            result = new Applier(layout, systemd, store, progress, settle, health).apply(plan, desired, applied, checkout, target.id());
        } catch (ApplyException e) {
            return failed(false, target, e.getMessage(), reason);
        }
        if (result.ok()) {
            try {
                secrets.removeGone(checkout, progress::step);
            } catch (dev.berth.secret.SecretException e) {
                progress.step("warning: " + e.getMessage());
            }
        }
        if (!result.ok() && StopRequest.requested()) {
            return failed(false, target, "interrupted: Berth was stopped during the apply (units it was starting may"
                    + " have been signalled too); the next sync converges", reason);
        }
        if (!result.ok() && applied.commit() != null && !applied.commit().equals(target.id())
                && !settings.noRollback() && !keepFailedState) {
            return rollBack(target, applied.commit(), config.path(), result, plan, loaded, checkout, reason);
        }
        SyncResult outcome = result.ok() ? SyncResult.OK : SyncResult.FAILED;
        String error = result.ok() ? null
                : result.failures().size() + " unit(s) did not come up: "
                        + result.failures().stream().map(f -> f.systemdName()).collect(Collectors.joining(", "))
                        + " (the next sync retries them)";
        SyncReport report = refused(new SyncReport(clock.millis(), outcome, target.id(), error, result.failures(), result.driftRepaired()), refusal);
        history(new Deployment(target.id(), target.subject(), clock.millis(), outcome, reason, rewindOf));
        saveReport(report); // last: the report says this sync finished
        return new SyncOutcome(plan, report, !plan.isEmpty(), target.id(), pinned, desired, checkout);
    }

    private static CommitInfo deployedCommit(GitSource source, String id) {
        try {
            return source.commit(id);
        } catch (GitException e) {
            return new CommitInfo(id, "no longer in the repository", 0);
        }
    }

    // Re-exporting an unchanged commit is the bulk of a no-change sync; a marker records what is there.
    private void exportIfNeeded(GitSource source, String commit, String path, Path checkout) throws GitException {
        Path marker = checkout.resolveSibling(CURRENT + ".commit");
        String want = commit + " " + path;
        try {
            if (Files.isDirectory(checkout) && Files.exists(marker) && Files.readString(marker).equals(want)) {
                GeneratedFiles.removeAll(checkout); // the build step adds them again, for this sync
                return;
            }
            Files.deleteIfExists(marker);
            GeneratedFiles.removeAll(checkout); // and the list: it describes the checkout being replaced
            source.export(commit, path, checkout);
            Files.writeString(marker, want);
        } catch (IOException e) {
            throw new GitException("cannot export commit " + commit + ": " + e.getMessage(), e);
        }
    }

    /**
     * State written by an earlier Berth names the followed ref by its short name (or not at all: the default
     * branch), which a branch named like a followed tag could take over. It is resolved once, in the local clone
     * as last fetched (a name that is both branch and tag: the one the deployed commit came from), and recorded.
     */
    private BerthConfig recordFullRef(BerthConfig config, String deployed, boolean dryRun) throws GitException, DeployException {
        String full;
        try (GitSource source = openOrReclone(config)) {
            full = source.fullRef(config.ref(), deployed);
        }
        BerthConfig resolved = config.withRef(full);
        if (!dryRun) {
            save(resolved);
            progress.step("following " + full + " (the ref '" + (config.ref() == null ? "" : config.ref())
                    + "' of the earlier state, now recorded in full)");
        }
        return resolved;
    }

    private GitSource openOrReclone(BerthConfig config) throws GitException {
        try {
            return GitSource.open(store.cloneDir(), config.ref(), sshKey(config), config.remote());
        } catch (GitException damaged) {
            progress.step(damaged.getMessage() + ": cloning again");
            return GitSource.cloneInto(config.remote(), config.ref(), store.cloneDir(), sshKey(config));
        }
    }

    /**
     * The commit's units did not come up: go back to the last good commit, and remember the bad one so it
     * is not tried again until a new commit arrives.
     */
    private SyncOutcome rollBack(CommitInfo bad, String good, String path, ApplyResult badResult, Plan plan,
                                 LoadedRepository loaded, Path checkout, DeploymentReason reason) throws DeployException {
        String why = badResult.failures().stream().map(f -> f.systemdName() + ": " + f.message())
                .collect(Collectors.joining("; "));
        try {
            safety.saveRejected(new RejectedCommit(bad.id(), why, clock.millis()));
        } catch (IOException e) {
            throw new DeployException("cannot save " + store.dir() + "/rejected.json: " + e.getMessage(), e);
        }
        history(new Deployment(bad.id(), bad.subject(), clock.millis(), SyncResult.ROLLED_BACK, reason));
        String error;
        List<String> drift = badResult.driftRepaired();
        try {
            ApplyResult back = new AutoRollback(layout, store, systemd, loader, progress, settle, health).withSecrets(secrets)
                    .withBuilds(builds).rollBack(good, path, badResult.failures());
            if (back.ok()) {
                error = "commit " + bad.shortId() + " did not come up and was rolled back to " + good.substring(0, 12)
                        + "; it is not tried again until a new commit arrives";
                history(new Deployment(good, "automatic rollback from " + bad.shortId(), clock.millis(), SyncResult.OK, DeploymentReason.AUTO_ROLLBACK));
            } else {
                error = "commit " + bad.shortId() + " did not come up; the rollback to " + good.substring(0, 12)
                        + " did not bring everything back either: "
                        + back.failures().stream().map(f -> f.systemdName()).collect(Collectors.joining(", "));
            }
        } catch (ApplyException e) {
            error = "commit " + bad.shortId() + " did not come up, and the rollback to " + good.substring(0, 12)
                    + " failed: " + e.getMessage();
        }
        progress.step(error);
        SyncReport report = new SyncReport(clock.millis(), SyncResult.FAILED, bad.id(), error, badResult.failures(), drift);
        saveReport(report);
        return new SyncOutcome(plan, report, true, bad.id(), false, loaded.desired(), checkout);
    }

    /** A sync that converged the host to the last good commit because the newest one was refused is still a failure. */
    private static SyncReport refused(SyncReport report, Optional<String> refusal) {
        if (refusal.isEmpty()) {
            return report;
        }
        return new SyncReport(report.finishedAt(), SyncResult.FAILED, report.commit(),
                refusal.get() + "; the host stays on " + (report.commit() == null ? "nothing" : report.commit().substring(0, 12))
                        + (report.error() == null ? "" : " (" + report.error() + ")"),
                report.failedUnits(), report.driftRepaired());
    }

    private boolean reportedOn(String commit) {
        try {
            return store.lastSync().map(r -> commit.equals(r.commit())).orElse(false);
        } catch (IOException damaged) {
            return false; // finishing the sync again writes a new report
        }
    }

    private SafetySettings safetySettings() throws DeployException {
        try {
            return safety.settings();
        } catch (IOException e) {
            throw new DeployException(e.getMessage(), e);
        }
    }

    private static Path sshKey(BerthConfig config) {
        return config.sshKey() == null ? null : Path.of(config.sshKey());
    }

    private SyncOutcome failed(boolean dryRun, CommitInfo target, String error, DeploymentReason reason) throws DeployException {
        error = RemoteUrls.redact(error); // whatever produced the message, status and logs never show credentials
        SyncReport report = new SyncReport(clock.millis(), SyncResult.FAILED, target == null ? null : target.id(),
                error, List.of(), List.of());
        if (!dryRun) {
            saveReport(report);
            if (target != null) {
                history(new Deployment(target.id(), target.subject(), clock.millis(), SyncResult.FAILED, reason));
            }
        }
        progress.step("sync failed: " + error);
        return new SyncOutcome(null, report, false, target == null ? null : target.id(), false, null, null);
    }

    private BerthConfig config() throws DeployException {
        try {
            return store.config();
        } catch (IOException e) {
            throw new DeployException(e.getMessage(), e);
        }
    }

    private AppliedState applied() throws DeployException {
        try {
            return store.applied();
        } catch (IOException e) {
            throw new DeployException(e.getMessage(), e);
        }
    }

    private void save(BerthConfig config) throws DeployException {
        try {
            store.saveConfig(config);
        } catch (IOException e) {
            throw new DeployException("cannot save " + store.dir() + "/config.json: " + e.getMessage(), e);
        }
    }

    private void saveReport(SyncReport report) throws DeployException {
        try {
            store.saveLastSync(report);
        } catch (IOException e) {
            throw new DeployException("cannot save the sync report: " + e.getMessage(), e);
        }
    }

    private void history(Deployment d) throws DeployException {
        try {
            store.appendHistory(d);
        } catch (IOException e) {
            throw new DeployException("cannot save history: " + e.getMessage(), e);
        }
    }
}

package dev.berth.apply;

import dev.berth.build.BuildException;
import dev.berth.build.BuildStep;
import dev.berth.build.GeneratedFiles;
import dev.berth.failure.FailureKind;
import dev.berth.git.GitException;
import dev.berth.git.GitSource;
import dev.berth.host.HostLayout;
import dev.berth.host.Systemd;
import dev.berth.plan.Plan;
import dev.berth.plan.Planner;
import dev.berth.repo.DesiredState;
import dev.berth.repo.Problem;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import dev.berth.state.StateStore;
import dev.berth.state.UnitFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Takes the host back to the last good commit after a commit's units did not come up (healthy): exports
 * that commit again, plans towards it from what the failed apply left, and applies. What the bad commit
 * changed is written back and restarted; units it added are stopped and removed.
 */
final class AutoRollback {
    /** Recorded for a unit that failed, so the planner restarts (or stops) it whatever its digest says. */
    static final String FAILED_DIGEST = "failed-rollout";

    private final HostLayout layout;
    private final StateStore store;
    private final Systemd systemd;
    private final RepositoryLoader loader;
    private final Progress progress;
    private final Duration settle;
    private final HealthGate health;
    private dev.berth.secret.SecretStep secrets = dev.berth.secret.SecretStep.NONE;
    private BuildStep builds = BuildStep.NONE;

    AutoRollback(HostLayout layout, StateStore store, Systemd systemd, RepositoryLoader loader, Progress progress,
                 Duration settle, HealthGate health) {
        this.layout = layout;
        this.store = store;
        this.systemd = systemd;
        this.loader = loader;
        this.progress = progress;
        this.settle = settle;
        this.health = health;
    }

    /** Puts back the good commit's secrets before its units restart. */
    AutoRollback withSecrets(dev.berth.secret.SecretStep secrets) {
        this.secrets = secrets;
        return this;
    }

    /**
     * Prepares the good commit's builds as its deploy did: the same epochs give the same reproducible-build
     * drop-ins, so a build unit the bad commit did not change is neither rewritten nor restarted.
     */
    AutoRollback withBuilds(BuildStep builds) {
        this.builds = builds;
        return this;
    }

    /**
     * A failed unit keeps the record of the last good commit (it never came up under the new one), so the
     * planner would see nothing to do for it although it runs, or failed with, the bad commit's files.
     * Marking it makes the planner restart it if the good commit has it, stop it if not.
     */
    static AppliedState markFailed(AppliedState applied, List<UnitFailure> failures) {
        Map<String, AppliedUnit> units = new HashMap<>(applied.units());
        for (UnitFailure f : failures) {
            AppliedUnit before = units.get(f.unit()); // its dependencies, if known, still order its stop
            units.put(f.unit(), new AppliedUnit(f.unit(), f.systemdName(), FAILED_DIGEST, true,
                    before == null ? null : before.dependsOn()));
        }
        return new AppliedState(applied.commit(), applied.files(), units);
    }

    ApplyResult rollBack(String goodCommit, String subPath, List<UnitFailure> failures) throws ApplyException {
        progress.step("rolling back to " + goodCommit.substring(0, 12) + " (the last good commit): "
                + failures.stream().map(UnitFailure::systemdName).collect(Collectors.joining(", ")) + " did not come up");
        AppliedState marked;
        try {
            marked = markFailed(store.applied(), failures);
            store.saveApplied(marked);
        } catch (IOException e) {
            throw new ApplyException(FailureKind.STATE, "cannot read or save Berth's state for the rollback: " + e.getMessage(), e);
        }
        Path checkout = store.checkoutsDir().resolve("rollback");
        try (GitSource source = GitSource.open(store.cloneDir(), null)) {
            GeneratedFiles.removeAll(checkout); // an earlier rollback's list would otherwise grow into this one's
            source.export(goodCommit, subPath, checkout);
        } catch (GitException | IOException e) {
            throw new ApplyException("cannot export the last good commit for the rollback: " + e.getMessage(), e);
        }
        LoadedRepository loaded = loader.load(checkout, null);
        if (!loaded.errors().isEmpty()) {
            throw new ApplyException(FailureKind.INVALID_INPUT, "the last good commit " + goodCommit.substring(0, 12)
                    + " does not validate on this host any more, so it cannot be rolled back to: "
                    + loaded.errors().stream().map(Problem::toString).limit(5).collect(Collectors.joining("; ")));
        }
        try {
            secrets.install(checkout, progress::step);
        } catch (dev.berth.secret.SecretException e) {
            throw new ApplyException("cannot put back the secrets of the last good commit: " + e.getMessage(), e);
        }
        DesiredState desired;
        Plan plan;
        try {
            desired = builds.prepare(loaded.desired(), new BuildStep.Source(checkout, store.cloneDir(), goodCommit, subPath),
                    progress::step);
            plan = Planner.plan(desired, marked, ObservedFiles.of(layout, marked));
            builds.buildChanged(plan, desired, checkout, progress::step);
        } catch (BuildException e) {
            throw new ApplyException("cannot build the images of the last good commit: " + e.getMessage(), e);
        }
        return new Applier(layout, systemd, store, progress, settle, health)
                .apply(plan, desired, marked, checkout, goodCommit);
    }
}

package dev.berth;

import dev.berth.state.DeploymentReason;
import dev.berth.apply.SyncOutcome;
import dev.berth.desired.LoadedRepository;
import dev.berth.fleet.HostIdentity;
import dev.berth.pipeline.SyncOptions;
import dev.berth.plan.Plan;
import dev.berth.plan.Planner;
import dev.berth.repo.DesiredState;
import dev.berth.repo.Problem;
import dev.berth.state.AppliedState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code berth plan --host NAME}: what a fresh host of that name and labels would get, planned against an empty
 * host (not this one's state), from the followed repository's newest commit or from a checkout folder.
 */
public final class PlanAsCommand {
    private final Berth berth;
    private final HostIdentity host;
    private Path dir;

    PlanAsCommand(Berth berth, HostIdentity host) {
        this.berth = berth;
        this.host = host;
    }

    /** Plan from this checkout instead of the followed repository (no init needed). */
    public PlanAsCommand from(Path checkout) {
        dir = checkout;
        return this;
    }

    /** How a plan as another host ended. */
    public sealed interface Result {
        /** The host's share and the plan that would install it. @param commit null when planned from a folder */
        record Planned(HostIdentity host, DesiredState desired, String commit, Plan plan) implements Result {
        }

        /** The checkout folder does not validate for this host. */
        record Invalid(HostIdentity host, List<Problem> errors) implements Result {
        }

        /** The dry run of the followed repository failed (a fetch, an untrusted or invalid commit). */
        record SyncFailed(SyncOutcome outcome) implements Result {
        }
    }

    public Result call() throws Exception {
        var loader = berth.targetedLoader(() -> host);
        DesiredState desired;
        String commit = null;
        if (dir != null) {
            LoadedRepository loaded = loader.load(dir, null);
            if (!loaded.errors().isEmpty()) {
                return new Result.Invalid(host, loaded.errors());
            }
            desired = loaded.desired();
        } else {
            SyncOutcome outcome = berth.deployer(berth.progress(), loader).run(SyncOptions.dryRun(DeploymentReason.PLAN));
            if (outcome.plan() == null) {
                return new Result.SyncFailed(outcome);
            }
            desired = outcome.desired();
            commit = outcome.commit();
        }
        return new Result.Planned(host, desired, commit, Planner.plan(desired, AppliedState.empty(), Map.of()));
    }
}

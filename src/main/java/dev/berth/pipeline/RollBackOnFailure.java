package dev.berth.pipeline;

import dev.berth.state.DeploymentReason;
import dev.berth.state.SyncResult;
import dev.berth.apply.ApplyResult;
import dev.berth.apply.DeployException;
import dev.berth.apply.SyncOutcome;
import dev.berth.git.CommitInfo;
import dev.berth.state.Deployment;
import dev.berth.state.RejectedCommit;
import dev.berth.state.SyncReport;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The commit's units did not come up: go back to the last good commit (the same pipeline runs again, for
 * that commit), and remember the bad one so it is not tried again until a new commit arrives.
 */
final class RollBackOnFailure implements Step {
    /** History result of a commit that was applied, did not come up, and was rolled back. */
    static final SyncResult ROLLED_BACK = SyncResult.ROLLED_BACK;

    @Override
    public String name() {
        return "roll-back";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.CONFIG, Fact.APPLIED, Fact.TARGET, Fact.CHECKOUT, Fact.LOADED, Fact.PLAN, Fact.RESULT);
    }

    @Override
    public Set<Fact> produces() {
        return Set.of();
    }

    @Override
    public boolean takesPart(Run run) {
        return run.followed() && run.options().onFailure() == SyncOptions.OnFailure.ROLL_BACK;
    }

    @Override
    public Flow run(Run run, Parts parts) throws DeployException {
        String good = run.applied().commit();
        ApplyResult badResult = run.result();
        CommitInfo bad = run.target();
        if (badResult.ok() || good == null || good.equals(bad.id()) || run.settings().noRollback()) {
            return Flow.NEXT;
        }
        String why = badResult.failures().stream().map(f -> f.systemdName() + ": " + f.message())
                .collect(Collectors.joining("; "));
        try {
            parts.safety().saveRejected(new RejectedCommit(bad.id(), why, parts.clock().millis()));
        } catch (IOException e) {
            throw new DeployException("cannot save " + parts.store().dir() + "/rejected.json: " + e.getMessage(), e);
        }
        Outcomes.history(parts, new Deployment(bad.id(), bad.subject(), parts.clock().millis(), ROLLED_BACK, run.reason()));
        String error;
        try {
            ApplyResult back = run.pipeline().rollBack(new RunKind.LastGood(good, run.subPath(), badResult.failures()), parts);
            if (back.ok()) {
                run.rolledBack();
                error = "commit " + bad.shortId() + " did not come up and was rolled back to " + good.substring(0, 12)
                        + "; it is not tried again until a new commit arrives";
                Outcomes.history(parts, new Deployment(good, "automatic rollback from " + bad.shortId(), parts.clock().millis(),
                        SyncResult.OK, DeploymentReason.AUTO_ROLLBACK));
            } else {
                error = "commit " + bad.shortId() + " did not come up; the rollback to " + good.substring(0, 12)
                        + " did not bring everything back either: "
                        + back.failures().stream().map(f -> f.systemdName()).collect(Collectors.joining(", "));
            }
        } catch (DeployException e) {
            error = "commit " + bad.shortId() + " did not come up, and the rollback to " + good.substring(0, 12)
                    + " failed: " + e.getMessage();
        }
        parts.progress().step(error);
        SyncReport report = new SyncReport(parts.clock().millis(), SyncResult.FAILED, bad.id(), error, badResult.failures(),
                badResult.driftRepaired());
        Outcomes.saveReport(parts, report);
        return Flow.end(new SyncOutcome(run.plan(), report, true, bad.id(), false, run.loaded().desired(), run.checkout()));
    }

}

package dev.berth.pipeline;

import dev.berth.apply.DeployException;
import dev.berth.apply.SelfUpgrade;
import dev.berth.apply.SelfUpgradeRecord;
import dev.berth.host.ProcessRunner;
import dev.berth.state.Deployment;
import dev.berth.state.DeploymentReason;
import dev.berth.state.RejectedCommit;
import dev.berth.state.SyncResult;
import java.io.IOException;
import java.util.Set;

/**
 * First of all, an upgrade of Berth itself that is under way is settled (see {@link SelfUpgrade}): the new daemon's
 * first sync keeps it; the old version, put back by the watcher, restores the state it had, and records the new
 * commit as rolled back and rejected, so it is not tried again until a newer commit arrives.
 */
final class SettleSelfUpgrade implements Step {
    @Override
    public String name() {
        return "settle-self-upgrade";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of();
    }

    @Override
    public Set<Fact> produces() {
        return Set.of();
    }

    @Override
    public boolean takesPart(Run run) {
        return run.followed() && !run.options().dryRun();
    }

    @Override
    public Flow run(Run run, Parts parts) throws DeployException {
        SelfUpgrade upgrade = new SelfUpgrade(parts.store().dir(), new ProcessRunner());
        try {
            SelfUpgrade.Verdict verdict = upgrade.verdict(run.reason() == DeploymentReason.START);
            SelfUpgradeRecord r = verdict == SelfUpgrade.Verdict.NONE || verdict == SelfUpgrade.Verdict.WAIT ? null
                    : upgrade.record().orElseThrow();
            if (verdict == SelfUpgrade.Verdict.CONFIRM) {
                upgrade.confirm();
                parts.progress().step("Berth's upgrade to " + shortId(r.toCommit()) + " checked in: it is kept");
            } else if (verdict == SelfUpgrade.Verdict.ROLLED_BACK) {
                rolledBack(parts, r);
                upgrade.finish();
            }
        } catch (IOException e) {
            throw new DeployException("cannot settle Berth's own upgrade in " + parts.store().dir() + ": " + e.getMessage(), e);
        }
        return Flow.NEXT;
    }

    private static void rolledBack(Parts parts, SelfUpgradeRecord r) throws IOException, DeployException {
        String why = "Berth's new version (" + r.unit() + " of " + shortId(r.toCommit())
                + ") did not check in within its HealthTimeout; the watcher put the previous one back";
        parts.store().saveApplied(r.previousApplied());
        parts.safety().saveRejected(new RejectedCommit(r.toCommit(), why, parts.clock().millis()));
        Outcomes.history(parts, new Deployment(r.toCommit(), why, parts.clock().millis(), SyncResult.ROLLED_BACK,
                DeploymentReason.AUTO_ROLLBACK));
        Outcomes.history(parts, new Deployment(r.fromCommit(), "automatic rollback from " + shortId(r.toCommit()),
                parts.clock().millis(), SyncResult.OK, DeploymentReason.AUTO_ROLLBACK));
        parts.progress().step(why + ": back at " + shortId(r.fromCommit()) + "; " + shortId(r.toCommit())
                + " is not tried again until a new commit arrives");
    }

    private static String shortId(String commit) {
        return commit == null ? "(none)" : commit.substring(0, Math.min(12, commit.length()));
    }
}

package dev.berth.pipeline;

import dev.berth.state.SyncResult;
import dev.berth.apply.DeployException;
import dev.berth.apply.SyncOutcome;
import dev.berth.state.SyncReport;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Nothing to do: the host runs the target commit, nothing drifted, and the sync that deployed it finished.
 * (A sync killed after it recorded the commit but before its report did not finish: gone secrets, history.)
 */
final class EndIfUnchanged implements Step {
    @Override
    public String name() {
        return "unchanged";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.APPLIED, Fact.TARGET, Fact.CHECKOUT, Fact.DESIRED, Fact.PLAN);
    }

    @Override
    public Set<Fact> produces() {
        return Set.of();
    }

    @Override
    public boolean takesPart(Run run) {
        return run.followed() && !run.dryRun();
    }

    @Override
    public Flow run(Run run, Parts parts) throws DeployException {
        String commit = run.target().id();
        if (!run.plan().isEmpty() || !commit.equals(run.applied().commit()) || !reportedOn(parts, commit)) {
            return Flow.NEXT;
        }
        parts.progress().step("nothing to do: the host matches " + run.target().shortId());
        SyncReport report = Outcomes.refused(new SyncReport(parts.clock().millis(), SyncResult.OK, commit, null, List.of(), List.of()),
                run.refusal());
        Outcomes.saveReport(parts, report);
        return Flow.end(new SyncOutcome(run.plan(), report, false, commit, run.pinned(), run.desired(), run.checkout()));
    }

    private static boolean reportedOn(Parts parts, String commit) {
        try {
            return parts.store().lastSync().map(r -> commit.equals(r.commit())).orElse(false);
        } catch (IOException damaged) {
            return false; // finishing the sync again writes a new report
        }
    }
}

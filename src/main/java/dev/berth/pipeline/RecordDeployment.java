package dev.berth.pipeline;

import dev.berth.state.SyncResult;
import dev.berth.apply.DeployException;
import dev.berth.apply.SyncOutcome;
import dev.berth.state.Deployment;
import dev.berth.state.SyncReport;
import java.util.Set;
import java.util.stream.Collectors;

/** The end of a sync: history, then the report (last: the report says this sync finished). */
final class RecordDeployment implements Step {
    @Override
    public String name() {
        return "record";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.TARGET, Fact.CHECKOUT, Fact.DESIRED, Fact.PLAN, Fact.RESULT);
    }

    @Override
    public Set<Fact> produces() {
        return Set.of();
    }

    @Override
    public boolean takesPart(Run run) {
        return run.followed();
    }

    @Override
    public Flow run(Run run, Parts parts) throws DeployException {
        var result = run.result();
        var target = run.target();
        SyncResult outcome = result.ok() ? SyncResult.OK : SyncResult.FAILED;
        String error = result.ok() ? null
                : result.failures().size() + " unit(s) did not come up: "
                        + result.failures().stream().map(f -> f.systemdName()).collect(Collectors.joining(", "))
                        + " (the next sync retries them)";
        SyncReport report = Outcomes.refused(new SyncReport(parts.clock().millis(), outcome, target.id(), error,
                result.failures(), result.driftRepaired()), run.refusal());
        Outcomes.history(parts, new Deployment(target.id(), target.subject(), parts.clock().millis(), outcome, run.reason(),
                run.rewindOf()));
        Outcomes.saveReport(parts, report);
        return Flow.end(new SyncOutcome(run.plan(), report, !run.plan().isEmpty(), target.id(), run.pinned(), run.desired(),
                run.checkout()));
    }
}

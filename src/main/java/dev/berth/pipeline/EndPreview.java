package dev.berth.pipeline;

import dev.berth.state.SyncResult;
import dev.berth.apply.SyncOutcome;
import dev.berth.state.SyncReport;
import java.util.List;
import java.util.Set;

/** A dry run ends here, before anything on the host changes: with the plan, and whether the sync would fail. */
final class EndPreview implements Step {
    @Override
    public String name() {
        return "preview";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.TARGET, Fact.CHECKOUT, Fact.DESIRED, Fact.PLAN, Fact.HOST_UNITS);
    }

    @Override
    public Set<Fact> produces() {
        return Set.of();
    }

    @Override
    public boolean takesPart(Run run) {
        return run.dryRun();
    }

    @Override
    public Flow run(Run run, Parts parts) {
        String commit = run.target().id();
        SyncReport report = run.clashes().isEmpty()
                ? Outcomes.refused(new SyncReport(parts.clock().millis(), SyncResult.OK, commit, null, List.of(), List.of()), run.refusal())
                : new SyncReport(parts.clock().millis(), SyncResult.FAILED, commit, "commit " + run.target().shortId()
                        + " would not be applied:\n  " + String.join("\n  ", run.clashes()), List.of(), List.of());
        return Flow.end(new SyncOutcome(run.plan(), report, false, commit, run.pinned(), run.desired(), run.checkout()));
    }
}

package dev.berth.pipeline;

import dev.berth.apply.Applier;
import dev.berth.apply.ApplyException;
import dev.berth.apply.DeployException;
import java.util.Set;

/** Carries out the plan in dependency order, health-gated; the commit is recorded only once everything runs. */
final class ApplyPlan implements Step {
    @Override
    public String name() {
        return "apply";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.APPLIED, Fact.TARGET, Fact.CHECKOUT, Fact.DESIRED, Fact.PLAN);
    }

    @Override
    public Set<Fact> produces() {
        return Set.of(Fact.RESULT);
    }

    @Override
    public Flow run(Run run, Parts parts) throws DeployException {
        try {
            run.result(new Applier(parts.layout(), parts.systemd(), parts.store(), parts.progress(), parts.settle(), parts.health())
                    .apply(run.plan(), run.desired(), run.applied(), run.checkout(), run.target().id()));
        } catch (ApplyException e) {
            return Outcomes.failed(run, parts, run.target(), e.getMessage());
        }
        return Flow.NEXT;
    }
}

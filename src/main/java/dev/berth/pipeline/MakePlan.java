package dev.berth.pipeline;

import dev.berth.apply.ObservedFiles;
import java.util.Set;

/**
 * Compares the desired state with what is applied, and with the recorded files as they are on disk (drift),
 * following the change since the last plan of this Berth where it can ({@link dev.berth.plan.PlanMemory}).
 */
final class MakePlan implements Step {
    @Override
    public String name() {
        return "plan";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.APPLIED, Fact.DESIRED);
    }

    @Override
    public Set<Fact> produces() {
        return Set.of(Fact.PLAN);
    }

    @Override
    public Flow run(Run run, Parts parts) {
        run.plan(parts.plans().plan(run.desired(), run.applied(), ObservedFiles.PROCESS.of(parts.layout(), run.applied())));
        return Flow.NEXT;
    }
}

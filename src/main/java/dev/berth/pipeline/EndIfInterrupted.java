package dev.berth.pipeline;

import dev.berth.apply.DeployException;
import dev.berth.apply.StopRequest;
import java.util.Set;

/** Berth was told to stop during the apply: the failures it saw may be its own doing, so nothing is rolled back. */
final class EndIfInterrupted implements Step {
    @Override
    public String name() {
        return "interrupted";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.TARGET, Fact.RESULT);
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
        if (run.result().ok() || !StopRequest.requested()) {
            return Flow.NEXT;
        }
        return Outcomes.failed(run, parts, run.target(), "interrupted: Berth was stopped during the apply (units it was"
                + " starting may have been signalled too); the next sync converges");
    }
}

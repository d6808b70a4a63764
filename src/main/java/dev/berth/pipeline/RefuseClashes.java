package dev.berth.pipeline;

import dev.berth.apply.DeployException;
import dev.berth.apply.Refusal;
import java.util.Set;

/** A repository unit that would take the name of one of the host's own units stops the deployment. */
final class RefuseClashes implements Step {
    @Override
    public String name() {
        return "refuse-clashes";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.TARGET, Fact.HOST_UNITS);
    }

    @Override
    public Set<Fact> produces() {
        return Set.of();
    }

    @Override
    public Flow run(Run run, Parts parts) throws DeployException {
        if (run.clashes().isEmpty()) {
            return Flow.NEXT;
        }
        String why = "commit " + run.target().shortId() + " was not applied:\n  " + String.join("\n  ", run.clashes());
        run.refused(new Refusal(Refusal.Kind.CLASH, run.target().id(), why));
        return Outcomes.failed(run, parts, run.target(), why);
    }
}

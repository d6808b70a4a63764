package dev.berth.pipeline;

import dev.berth.apply.DeployException;
import dev.berth.build.BuildException;
import java.util.Set;

/** Builds the images whose inputs changed, before any unit changes: a failed build leaves the containers on their image. */
final class BuildImages implements Step {
    @Override
    public String name() {
        return "build";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.TARGET, Fact.CHECKOUT, Fact.DESIRED, Fact.PLAN);
    }

    @Override
    public Set<Fact> produces() {
        return Set.of();
    }

    @Override
    public Flow run(Run run, Parts parts) throws DeployException {
        if (run.followed()) {
            parts.progress().step("deploy " + run.target().shortId() + " " + run.target().subject());
        }
        try {
            parts.builds().buildChanged(run.plan(), run.desired(), run.checkout(), parts.progress()::step);
        } catch (BuildException e) {
            return Outcomes.failed(run, parts, run.target(), run.followed() ? e.getMessage()
                    : "cannot build the images of the last good commit: " + e.getMessage());
        }
        return Flow.NEXT;
    }
}

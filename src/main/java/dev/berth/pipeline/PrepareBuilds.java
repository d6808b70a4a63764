package dev.berth.pipeline;

import dev.berth.apply.DeployException;
import dev.berth.build.BuildException;
import dev.berth.build.BuildStep;
import java.util.Set;

/**
 * Adds the reproducible-build drop-ins to the desired state: the same commit gives the same drop-ins, so a
 * build unit a commit did not change is neither rewritten nor restarted (after a rollback too).
 */
final class PrepareBuilds implements Step {
    @Override
    public String name() {
        return "prepare-builds";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.CONFIG, Fact.TARGET, Fact.CHECKOUT, Fact.LOADED);
    }

    @Override
    public Set<Fact> produces() {
        return Set.of(Fact.DESIRED);
    }

    @Override
    public Flow run(Run run, Parts parts) throws DeployException {
        try {
            run.desired(parts.builds().prepare(run.loaded().desired(),
                    new BuildStep.Source(run.checkout(), parts.store().cloneDir(), run.target().id(), run.subPath()),
                    parts.progress()::step));
        } catch (BuildException e) {
            return Outcomes.failed(run, parts, run.target(), e.getMessage());
        }
        return Flow.NEXT;
    }
}

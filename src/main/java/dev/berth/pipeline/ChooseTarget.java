package dev.berth.pipeline;

import dev.berth.apply.DeployException;
import java.util.Set;

/** Which commit to deploy: the followed ref's (fetched and guarded), or for a rollback the last good one. */
final class ChooseTarget implements Step {
    @Override
    public String name() {
        return "target";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of();
    }

    @Override
    public Set<Fact> produces() {
        return Set.of(Fact.CONFIG, Fact.APPLIED, Fact.TARGET);
    }

    @Override
    public Flow run(Run run, Parts parts) throws DeployException {
        return switch (run.kind()) {
            case RunKind.Followed followed -> FollowedTarget.choose(run, parts);
            case RunKind.LastGood lastGood -> LastGoodTarget.choose(run, lastGood, parts);
        };
    }
}

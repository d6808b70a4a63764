package dev.berth.pipeline;

import dev.berth.apply.ReservedUnitNames;
import java.util.Set;

/**
 * Finds the host's own units and quadlets whose names the repository's units would take. Only looks at the
 * unit folders, so a plan or dry run can say that the sync would be refused.
 */
final class CheckHostUnits implements Step {
    @Override
    public String name() {
        return "host-units";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.CONFIG, Fact.APPLIED, Fact.DESIRED);
    }

    @Override
    public Set<Fact> produces() {
        return Set.of(Fact.HOST_UNITS);
    }

    @Override
    public Flow run(Run run, Parts parts) {
        ReservedUnitNames hostUnits = ReservedUnitNames.forHost(parts.layout());
        run.hostUnits(hostUnits, hostUnits.refusals(run.desired(), run.applied(), Set.copyOf(run.settings().adopted())));
        return Flow.NEXT;
    }
}

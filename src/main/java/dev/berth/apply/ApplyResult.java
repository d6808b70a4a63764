package dev.berth.apply;

import dev.berth.state.AppliedState;
import dev.berth.state.UnitFailure;
import java.util.List;

/** How an apply ended: the state now recorded, and the units that did not come up. */
public record ApplyResult(AppliedState state, List<UnitFailure> failures, List<String> driftRepaired) {

    public ApplyResult {
        failures = List.copyOf(failures);
        driftRepaired = List.copyOf(driftRepaired);
    }

    public boolean ok() {
        return failures.isEmpty();
    }
}

package dev.berth.plan;

import dev.berth.repo.DesiredState;
import dev.berth.state.AppliedState;
import java.util.Map;

/**
 * What one plan was made of: the states it compared, who reads which file, the file actions, each unit's start
 * or restart, the ordered stops and the start order. Given to the next plan with a desired state that differs
 * only in some units and files, against the same host state, it lets only those be planned again
 * ({@link ChangedUnitsPlan}). Immutable; opaque outside this package.
 */
public final class PlanMemo {
    final DesiredState desired;
    final AppliedState applied;
    final Map<String, String> observed;
    final UnitInputs inputs;
    final FileChanges files;
    /** unit file name → its START or RESTART; units with nothing to do are absent */
    final Map<String, Action> startsByUnit;
    final java.util.List<Action> orderedStops;
    final StartOrder startOrder;

    PlanMemo(DesiredState desired, AppliedState applied, Map<String, String> observed, UnitInputs inputs,
             FileChanges files, Map<String, Action> startsByUnit, java.util.List<Action> orderedStops,
             StartOrder startOrder) {
        this.desired = desired;
        this.applied = applied;
        this.observed = observed;
        this.inputs = inputs;
        this.files = files;
        this.startsByUnit = java.util.Collections.unmodifiableMap(startsByUnit); // the plan's own map, not changed after it
        this.orderedStops = java.util.List.copyOf(orderedStops);
        this.startOrder = startOrder;
    }

    /**
     * This memo for a host state equal to the one it was made against, as other objects: everything it holds is as
     * true of those, and the next plan against them (and the one after, if they come again) finds the same objects.
     */
    PlanMemo against(AppliedState equalApplied, Map<String, String> equalObserved) {
        return new PlanMemo(desired, equalApplied, equalObserved, inputs, files, startsByUnit, orderedStops, startOrder);
    }
}

package dev.berth.plan;

import dev.berth.repo.DesiredState;
import dev.berth.repo.RepoUnit;
import dev.berth.state.AppliedState;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plan of a desired state that differs from the one an earlier plan was made for only in some units and
 * files ({@link DesiredChanges}), against the same host state: only those are looked at, everything else is
 * the earlier plan's. It is the full plan's equal because, with the same host state:
 * <ul>
 *   <li>a file that is the same object has the same write or none; the removals are the same (same targets);</li>
 *   <li>who reads what, the stops and the start order are the same ({@link DesiredChanges} makes sure);</li>
 *   <li>a unit that is the same object has the same start or restart, except that the words of a restart name
 *       the files that changed: so a unit that had one and reads a changed file is looked at again. A unit that
 *       had none still has none: its input digest is the same, and nothing has drifted.</li>
 * </ul>
 * Empty, for a full plan, when the host state is not the very same objects (applied state, files on disk),
 * when anything had drifted (drift restarts every unit reading the file), or when a changed file has.
 */
final class ChangedUnitsPlan {

    private ChangedUnitsPlan() {
    }

    static Optional<Planning> plan(DesiredState desired, AppliedState applied, Map<String, String> observed,
                                   PlanMemo earlier) {
        if (earlier.applied != applied || earlier.observed != observed || !earlier.files.drifted().isEmpty()) {
            return Optional.empty();
        }
        Optional<DesiredChanges> found = DesiredChanges.between(earlier.desired, desired);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DesiredChanges changes = found.get();
        UnitInputs inputs = earlier.inputs.over(desired.files());
        Optional<FileChanges> files = earlier.files.withChanged(changes.targets(), desired, applied, observed, inputs);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Action> starts = new HashMap<>(earlier.startsByUnit);
        for (String name : changes.units()) {
            replan(starts, desired.units().get(name), applied, inputs, files.get());
        }
        if (!changes.targets().isEmpty()) {
            for (String name : earlier.startsByUnit.keySet()) {
                if (inputs.readsAny(name, changes.targets())) {
                    replan(starts, desired.units().get(name), applied, inputs, files.get());
                }
            }
        }
        Plan plan = Planner.assemble(earlier.orderedStops, files.get(), earlier.startOrder.sort(starts));
        PlanMemo memo = new PlanMemo(desired, applied, observed, inputs, files.get(), starts, earlier.orderedStops,
                earlier.startOrder);
        return Optional.of(new Planning(plan, memo, Planning.Kind.CHANGED_UNITS));
    }

    private static void replan(Map<String, Action> starts, RepoUnit unit, AppliedState applied, UnitInputs inputs,
                               FileChanges files) {
        Action action = Planner.startOf(unit, applied, inputs, files);
        if (action == null) {
            starts.remove(unit.fileName());
        } else {
            starts.put(unit.fileName(), action);
        }
    }
}

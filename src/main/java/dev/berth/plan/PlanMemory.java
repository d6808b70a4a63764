package dev.berth.plan;

import dev.berth.repo.DesiredState;
import dev.berth.state.AppliedState;
import java.util.Map;

/**
 * The last plan a long-lived Berth made (the daemon's), so that the next one follows the change instead of looking
 * at every unit and file again ({@link Planner#plan(DesiredState, AppliedState, Map, PlanMemo)}). Each sync reads
 * the applied state and the files on disk anew, as new objects; the planner reuses an earlier plan only for the
 * very same objects, so a host state <em>equal</em> to the one the last plan was made against is handed over as
 * those objects. Any other host state, or a desired state that differs in more than some units and files, is
 * planned in full. Between two deployments the daemon's timed syncs keep the memory at the current host state, so
 * a new commit arriving then is planned from it. Safe to share between threads.
 */
public final class PlanMemory {
    private PlanMemo last;
    private Planning.Kind lastKind;

    /** Plans, following the change since the last plan where the host state is the same as then. */
    public synchronized Plan plan(DesiredState desired, AppliedState applied, Map<String, String> observedFiles) {
        PlanMemo earlier = last;
        // equal content, the earlier objects. Each equals walks a map (~25-30 ms for both at 10,000 units, against a
        // full plan's 60-80), so the files on disk are compared only when the applied state matched: after a
        // deployment it does not (its commit differs at once), and the plan is a full one whatever they are
        if (earlier != null && applied.equals(earlier.applied)) {
            applied = earlier.applied;
            observedFiles = observedFiles.equals(earlier.observed) ? earlier.observed : observedFiles;
        }
        Planning planning = Planner.plan(desired, applied, observedFiles, earlier);
        last = planning.memo();
        lastKind = planning.kind();
        return planning.plan();
    }

    /** How the last plan was made (null before the first): for tests and diagnostics. */
    public synchronized Planning.Kind lastKind() {
        return lastKind;
    }
}

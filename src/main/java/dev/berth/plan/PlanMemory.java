package dev.berth.plan;

import dev.berth.repo.DesiredState;
import dev.berth.state.AppliedState;
import java.util.Map;

/**
 * The last plan a long-lived Berth made (the daemon's), so that the next one follows the change instead of looking
 * at every unit and file again ({@link Planner#plan(DesiredState, AppliedState, Map, PlanMemo)}). The planner reuses
 * an earlier plan only for the very same objects of host state. The daemon's sync gets those: the state store hands
 * back the applied state it parsed last while {@code applied.json} is unchanged, and {@code apply.ObservedFiles} its
 * last map while no installed file changed. A host state that is only <em>equal</em> to the one the last plan was
 * made against (re-read while its files were not yet settled, or by another caller) is compared, and the last
 * plan is then kept as made against these objects. Any other host state, or a desired state that
 * differs in more than some units and files, is planned in full. Between two deployments the daemon's timed syncs
 * keep the memory at the current host state, so a new commit arriving then is planned from it. Safe to share
 * between threads.
 */
public final class PlanMemory {
    /** How the host state of the last plan came to the memory: for tests and diagnostics. */
    public enum HandOver {
        /** no earlier plan, or a host state other than its */
        OTHER,
        /** equal to the earlier plan's, other objects: compared, then the earlier plan taken as made against them */
        EQUAL,
        /** the earlier plan's very objects: nothing was compared */
        SAME
    }

    private PlanMemo last;
    private Planning.Kind lastKind;
    private HandOver lastHandOver;

    /** Plans, following the change since the last plan where the host state is the same as then. */
    public synchronized Plan plan(DesiredState desired, AppliedState applied, Map<String, String> observedFiles) {
        PlanMemo earlier = last;
        HandOver host = HandOver.OTHER;
        // the very same objects first: the daemon's path, no walk. (Record equals, AbstractMap's and Collections'
        // unmodifiable maps' equals check identity first as well, as JDK 25's sources read; written out here so that
        // it holds whatever they do, and to tell which way it went.) Otherwise equal content: each equals walks a
        // map, ~25-30 ms for both at 10,000 units (JMH, memo10), against a full plan's 60-80, so the files on disk
        // are compared only when the applied state matched: after a deployment it does not (its commit differs at
        // once), and the plan is a full one whatever they are. An equal host state takes over the earlier memo rather
        // than the other way round, so that the memory then holds the objects the state store and ObservedFiles will
        // hand out again next time
        if (earlier != null) {
            boolean sameApplied = applied == earlier.applied;
            if (sameApplied || applied.equals(earlier.applied)) {
                boolean sameObserved = observedFiles == earlier.observed;
                if (sameObserved || observedFiles.equals(earlier.observed)) {
                    host = sameApplied && sameObserved ? HandOver.SAME : HandOver.EQUAL;
                    earlier = host == HandOver.SAME ? earlier : earlier.against(applied, observedFiles);
                }
            }
        }
        Planning planning = Planner.plan(desired, applied, observedFiles, earlier);
        last = planning.memo();
        lastKind = planning.kind();
        lastHandOver = host;
        return planning.plan();
    }

    /** How the last plan was made (null before the first): for tests and diagnostics. */
    public synchronized Planning.Kind lastKind() {
        return lastKind;
    }

    /** How the last plan's host state compared with the plan before it (null before the first). */
    public synchronized HandOver lastHandOver() {
        return lastHandOver;
    }
}

package dev.berth.plan;

/**
 * A plan, with what the next plan may reuse.
 *
 * @param plan the steps
 * @param memo what was planned, for {@link Planner#plan(dev.berth.repo.DesiredState, dev.berth.state.AppliedState,
 *             java.util.Map, PlanMemo)} to follow the next change from
 * @param kind whether every unit was planned, or only those that changed
 */
public record Planning(Plan plan, PlanMemo memo, Kind kind) {

    public enum Kind {
        /** every unit and file looked at */
        FULL,
        /** only the units and files that are not the earlier desired state's own objects; the rest reused */
        CHANGED_UNITS
    }
}

package dev.berth.apply;

import dev.berth.host.FaultPoints;
import dev.berth.host.Systemd;
import dev.berth.plan.Action;
import dev.berth.plan.ActionType;
import dev.berth.plan.Plan;
import dev.berth.repo.DesiredState;
import dev.berth.repo.RepoUnit;
import java.util.List;
import java.util.Set;

/**
 * Overlaps the stop of each changed service with systemd's daemon-reload, the two slow halves of a restart after a
 * change that used to run one after the other: the stop is queued (old definition, no waiting) just before the
 * reload, and the plan's {@code restart} follows the reload as before. Why the new definition always runs:
 * <ul>
 *   <li>the restart job is created after the blocking daemon-reload returned, so it starts the definition systemd
 *       has just loaded, whatever the stop reached: not begun (the restart replaces the queued stop, stops, then
 *       starts), under way (it waits for the stop to end), or done (it starts). A {@code start} here would not do:
 *       it would find a unit whose queued stop it cancelled still running the old definition;</li>
 *   <li>only once every file was written and checked: a plan refused or a write that fails stops nothing;</li>
 *   <li>only for units whose stop reaches no other unit (no Requires=, Requisite=, BindsTo=, PartOf= on them):
 *       systemd carries a restart to such dependents as a try-restart, and a stop queued before would leave them
 *       stopped; those units keep the plain restart;</li>
 *   <li>never for Berth's own unit, which is restarted last, without waiting.</li>
 * </ul>
 * Before the stops are queued, the units are recorded as being restarted (an input digest no commit has): whatever
 * comes next (a crash, a failed reload, a rollback to the commit they ran), the next plan restarts them.
 */
final class EarlyStops {
    private final Systemd systemd;
    private final Progress progress;

    EarlyStops(Systemd systemd, Progress progress) {
        this.systemd = systemd;
        this.progress = progress;
    }

    /** The restarts of this plan whose stop may be queued before the daemon-reload (one question to systemd). */
    List<Action> choose(Plan plan, DesiredState desired) {
        List<Action> candidates = candidates(plan, desired);
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<String> alone = systemd.stopReachesNoOther(candidates.stream().map(Action::subject).toList());
        return candidates.stream().filter(a -> alone.contains(a.subject())).toList();
    }

    /** Queues the stops; call it right before the daemon-reload, once the units are recorded as being restarted. */
    void queue(List<Action> chosen) {
        for (Action a : chosen) {
            progress.step("stop " + a.subject() + "  (queued: restarted on its new definition after the daemon-reload)");
            systemd.stopNoBlock(a.subject());
            FaultPoints.after("stop-queued", a.subject());
        }
    }

    /** The services this plan restarts, Berth's own unit left out. */
    static List<Action> candidates(Plan plan, DesiredState desired) {
        return plan.ofType(ActionType.RESTART).stream()
                .filter(a -> a.subject().endsWith(".service"))
                .filter(a -> {
                    RepoUnit u = desired.units().get(a.unit());
                    return u != null && !u.options().self();
                }).toList();
    }
}

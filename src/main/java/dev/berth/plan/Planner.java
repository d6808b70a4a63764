package dev.berth.plan;

import dev.berth.repo.DesiredState;
import dev.berth.repo.RepoUnit;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import dev.berth.unit.UnitKind;
import dev.berth.unit.UnitName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out the steps that take a host from what Berth applied to what the repository wants. Pure: it
 * reads only its arguments, so {@code berth plan} and {@code berth apply} always agree, and the same
 * input always gives the same plan.
 *
 * <p>The order is: STOPs (dependents first, by the dependencies recorded in the applied state), REMOVE_FILEs,
 * WRITE_FILEs (by target), one DAEMON_RELOAD if any file changed, then STARTs and RESTARTs in dependency
 * order, with Berth's own unit last so it restarts itself only after everything else is up.
 */
public final class Planner {

    static final String NEW_UNIT = "new unit";
    static final String REMOVED_UNIT = "removed from the repository";
    static final String NOW_AUTO_STARTED = "now started by Berth";
    static final String RELOAD = "regenerate units from the changed files";

    private Planner() {
    }

    /** A plan that trusts the host to hold exactly the files Berth recorded (no drift check). */
    public static Plan plan(DesiredState desired, AppliedState applied) {
        return plan(desired, applied, applied.files());
    }

    /**
     * @param observedFiles target → sha256 of what is on disk now, for the targets Berth manages; a
     *                      target missing from the map is missing on disk
     */
    public static Plan plan(DesiredState desired, AppliedState applied, Map<String, String> observedFiles) {
        return full(desired, applied, observedFiles, false).plan();
    }

    /**
     * As {@link #plan(DesiredState, AppliedState, Map)}, following the change since {@code earlier} (may be null):
     * when the host state is the one {@code earlier} was planned against and the desired state differs from
     * that plan's only in some units and files, only those are planned again ({@link ChangedUnitsPlan}); on any
     * doubt, everything. The plan is the same either way. The maps of {@code observedFiles} and of the states
     * must not change afterwards: the next plan recognises them as the same objects.
     */
    public static Planning plan(DesiredState desired, AppliedState applied, Map<String, String> observedFiles,
                                PlanMemo earlier) {
        if (earlier != null) {
            Optional<Planning> followed = ChangedUnitsPlan.plan(desired, applied, observedFiles, earlier);
            if (followed.isPresent()) {
                return followed.get();
            }
        }
        return full(desired, applied, observedFiles, true);
    }

    /** Every unit and file looked at; with {@code remember}, what the next plan may reuse (the start order too). */
    private static Planning full(DesiredState desired, AppliedState applied, Map<String, String> observedFiles,
                                 boolean remember) {
        UnitInputs inputs = UnitInputs.of(desired);
        FileChanges files = FileChanges.between(desired, applied, observedFiles, inputs);

        List<Action> stops = new ArrayList<>();
        Map<String, Action> startsByUnit = new HashMap<>();
        for (RepoUnit unit : desired.units().values()) {
            AppliedUnit before = applied.units().get(unit.fileName());
            if (before != null && !before.systemdName().equals(unit.systemdName())) {
                stops.add(new Action(ActionType.STOP, before.systemdName(), unit.fileName(),
                        "renamed to " + unit.systemdName()));
            }
            Action action = startOf(unit, applied, inputs, files);
            if (action != null) {
                startsByUnit.put(unit.fileName(), action);
            }
        }
        for (AppliedUnit before : applied.units().values()) {
            if (!desired.units().containsKey(before.fileName())) {
                stops.add(new Action(ActionType.STOP, before.systemdName(), before.fileName(), REMOVED_UNIT));
            }
        }
        List<Action> orderedStops = orderStops(stops, desired, applied);
        StartOrder order = remember || !startsByUnit.isEmpty() ? StartOrder.of(desired) : null;
        Plan plan = assemble(orderedStops, files, order == null ? List.of() : order.sort(startsByUnit));
        PlanMemo memo = remember
                ? new PlanMemo(desired, applied, observedFiles, inputs, files, startsByUnit, orderedStops, order) : null;
        return new Planning(plan, memo, Planning.Kind.FULL);
    }

    /** STOPs, REMOVE_FILEs, WRITE_FILEs, one DAEMON_RELOAD if any file changed, then the starts. */
    static Plan assemble(List<Action> orderedStops, FileChanges files, List<Action> orderedStarts) {
        List<Action> plan = new ArrayList<>(orderedStops.size() + files.removals().size() + files.writes().size()
                + 1 + orderedStarts.size());
        plan.addAll(orderedStops);
        plan.addAll(files.removals());
        plan.addAll(files.writes());
        if (!files.isEmpty()) {
            plan.add(new Action(ActionType.DAEMON_RELOAD, "", null, RELOAD));
        }
        plan.addAll(orderedStarts);
        return new Plan(plan);
    }

    /**
     * The START or RESTART of a desired unit, or null. Units something else starts (a timer, socket or path)
     * only get their files; starting them here would run a nightly backup on every deploy.
     */
    static Action startOf(RepoUnit unit, AppliedState applied, UnitInputs inputs, FileChanges files) {
        if (!unit.options().autoStart()) {
            return null;
        }
        AppliedUnit before = applied.units().get(unit.fileName());
        if (before == null) {
            return new Action(ActionType.START, unit.systemdName(), unit.fileName(), NEW_UNIT);
        }
        if (!before.systemdName().equals(unit.systemdName())) {
            return new Action(ActionType.START, unit.systemdName(), unit.fileName(),
                    "renamed from " + before.systemdName());
        }
        if (!before.autoStart()) {
            // It was only installed until now (say, timer-triggered); Berth never started it.
            return new Action(ActionType.START, unit.systemdName(), unit.fileName(), NOW_AUTO_STARTED);
        }
        boolean digestChanged = !before.inputDigest().equals(unit.inputDigest());
        if (!digestChanged && files.drifted().isEmpty()) {
            return null;
        }
        String reason = RestartReason.of(inputs.of(unit.fileName()), applied.files(), files.drifted(), digestChanged);
        return reason == null ? null : new Action(ActionType.RESTART, unit.systemdName(), unit.fileName(), reason);
    }

    /**
     * Dependents stop before what they depend on. A unit's dependencies are the ones recorded when it was
     * applied (what is running now), else its repository definition's if it is still there (a rename).
     * Where neither is known (state written before dependencies were recorded) its kind stands in, as the
     * tie-break of the sort: triggers first, then the workloads, then pods, then images and builds, then
     * volumes and networks.
     */
    private static List<Action> orderStops(List<Action> stops, DesiredState desired, AppliedState applied) {
        if (stops.size() < 2) {
            return stops;
        }
        List<Action> byKindThenName = new ArrayList<>(stops);
        byKindThenName.sort(Comparator.comparingInt((Action a) -> stopRank(a.unit()))
                .thenComparing(Action::unit));
        Map<String, Integer> position = new HashMap<>(stops.size() * 2);
        for (int i = 0; i < byKindThenName.size(); i++) {
            position.put(byKindThenName.get(i).unit(), i);
        }
        // A stopping unit must wait for the stopping units that depend on it.
        List<List<String>> dependents = new ArrayList<>(byKindThenName.size());
        for (int i = 0; i < byKindThenName.size(); i++) {
            dependents.add(new ArrayList<>(0));
        }
        for (Action stop : byKindThenName) {
            for (String dependency : dependenciesOf(stop.unit(), desired, applied)) {
                Integer at = position.get(dependency);
                if (at != null) {
                    dependents.get(at).add(stop.unit());
                }
            }
        }
        List<Action> ordered = new ArrayList<>(stops.size());
        for (int i : DependencyOrder.sort(byKindThenName.size(), i -> DependencyOrder.positionsOf(dependents.get(i), position))) {
            ordered.add(byKindThenName.get(i));
        }
        return ordered;
    }

    private static List<String> dependenciesOf(String unitFileName, DesiredState desired, AppliedState applied) {
        AppliedUnit running = applied.units().get(unitFileName);
        if (running != null && running.dependsOn() != null) {
            return running.dependsOn();
        }
        RepoUnit stillDesired = desired.units().get(unitFileName);
        return stillDesired == null ? List.of() : stillDesired.dependsOn();
    }

    private static int stopRank(String unitFileName) {
        UnitKind kind = UnitName.parse(unitFileName).map(UnitName::kind).orElse(UnitKind.SERVICE);
        return switch (kind) {
            case TIMER, SOCKET, PATH -> 0;
            case CONTAINER, KUBE, SERVICE, TARGET -> 1;
            case POD -> 2;
            case BUILD, IMAGE, ARTIFACT, MOUNT -> 3;
            case VOLUME, NETWORK -> 4;
        };
    }
}

package dev.berth.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.repo.DesiredState;
import dev.berth.repo.RepoUnit;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import dev.berth.testing.Draw;
import dev.berth.testing.Seeded;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Properties of plans over random repositories and hosts: a host in any state (fresh, one commit behind,
 * half-applied after a failed start, edited by hand) reaches the desired state by running the plan, and
 * the plan is ordered the way an apply needs it.
 */
class PlannerPropertiesTest {

    private static final String[] KINDS = {"container", "network", "volume", "build", "pod", "service", "timer"};

    /** One unit of a random repository; names and dependencies refer to small indexes so collisions happen. */
    record UnitSpec(int name, int kind, int version, int envFile, int dropIn, int dependencyMask,
                    boolean autoStart, boolean renamed) {

        String fileName() {
            return "u" + name + "." + KINDS[kind];
        }
    }

    /**
     * A repository, the commit the host last applied, and what the host did to it since; units listed in
     * {@code unrecordedDependencies} were applied by a Berth that did not record dependencies.
     */
    record Scenario(List<UnitSpec> desired, List<UnitSpec> previous, boolean lastIsSelf,
                    List<Integer> forgottenUnits, List<Integer> drift, List<Integer> unrecordedDependencies) {
    }

    /** Each number is drawn from the range jqwik drew it from: names 0-9, kinds, versions 1-2, and so on. */
    private static UnitSpec unit(Draw d) {
        return new UnitSpec(d.between(0, 9), d.between(0, KINDS.length - 1), d.between(1, 2), d.between(0, 3),
                d.between(0, 2), d.between(0, 255), d.between(0, 4) != 0, d.between(0, 5) == 0);
    }

    private static List<UnitSpec> units(Draw d) {
        return d.list(10, PlannerPropertiesTest::unit);
    }

    private static Scenario scenario(Draw d) {
        return new Scenario(units(d), d.bool() ? units(d) : List.of(), d.bool(),
                d.list(3, x -> x.between(0, 12)), d.list(30, x -> x.between(0, 6)), d.list(6, x -> x.between(0, 12)));
    }

    private static DesiredState repository(List<UnitSpec> specs, boolean lastIsSelf) {
        DesiredBuilder repo = new DesiredBuilder();
        List<String> added = new ArrayList<>();
        for (UnitSpec spec : specs) {
            if (added.contains(spec.fileName())) {
                continue;
            }
            String folder = "u" + spec.name();
            DesiredBuilder.UnitSpec u = repo.unit(spec.fileName()).in(folder).digest("v" + spec.version());
            if (spec.envFile() == 3) {
                u.supporting("common.env", "shared");
            } else if (spec.envFile() > 0) {
                u.supporting(folder + "/" + spec.fileName() + ".env", "e" + spec.envFile());
            }
            if (spec.dropIn() > 0) {
                u.dropIn(folder + "/" + spec.fileName() + ".d/10.conf", "d" + spec.dropIn());
            }
            // Only units added earlier are depended on, so the repository has no cycle (as after validation).
            for (int i = 0; i < added.size(); i++) {
                if ((spec.dependencyMask() & (1 << (i % 8))) != 0) {
                    u.dependsOn(added.get(i));
                }
            }
            if (!spec.autoStart()) {
                u.notAutoStarted();
            }
            if (spec.renamed()) {
                u.serviceName("renamed-" + spec.fileName().replace('.', '-') + ".service");
            }
            u.add();
            added.add(spec.fileName());
        }
        if (lastIsSelf && !added.isEmpty()) {
            // Nothing depends on the last unit added, so it may be Berth's own.
            repo.edit(added.get(added.size() - 1)).self();
        }
        return repo.build();
    }

    private record Host(AppliedState applied, Map<String, String> observed) {
    }

    private static Host host(Scenario s) {
        AppliedState full = AppliedStates.fullyApplied(repository(s.previous(), false), "previous");
        // A failed apply records neither the units that did not come up nor (say) their new digests.
        Map<String, AppliedUnit> units = new HashMap<>(full.units());
        List<String> names = new ArrayList<>(units.keySet());
        names.sort(null);
        for (int i : s.unrecordedDependencies()) {
            if (i < names.size()) {
                units.put(names.get(i), units.get(names.get(i)).withDependsOn(null));
            }
        }
        for (int i : s.forgottenUnits()) {
            if (i < names.size()) {
                units.remove(names.get(i));
            }
        }
        Map<String, String> observed = new HashMap<>(full.files());
        List<String> targets = new ArrayList<>(observed.keySet());
        targets.sort(null);
        for (int i = 0; i < Math.min(targets.size(), s.drift().size()); i++) {
            switch (s.drift().get(i)) {
                case 0 -> observed.remove(targets.get(i));
                case 1 -> observed.put(targets.get(i), "edited by hand");
                default -> { }
            }
        }
        return new Host(new AppliedState(full.commit(), full.files(), units), observed);
    }

    /** What an apply that succeeds does with a plan: the model of the executor the properties rely on. */
    private static Host apply(Plan plan, DesiredState desired, Host host) {
        Map<String, String> files = new HashMap<>(host.applied().files());
        Map<String, String> observed = new HashMap<>(host.observed());
        Map<String, AppliedUnit> units = new HashMap<>(host.applied().units());
        for (Action action : plan.actions()) {
            switch (action.type()) {
                case STOP -> units.remove(action.unit());
                case REMOVE_FILE -> {
                    files.remove(action.subject());
                    observed.remove(action.subject());
                }
                case WRITE_FILE -> {
                    String digest = desired.files().get(action.subject()).digest();
                    files.put(action.subject(), digest);
                    observed.put(action.subject(), digest);
                }
                case DAEMON_RELOAD -> { }
                case START, RESTART -> units.put(action.unit(), AppliedStates.recorded(desired.units().get(action.unit())));
            }
        }
        // Units something else starts are recorded once their files are in place.
        for (RepoUnit unit : desired.units().values()) {
            if (!unit.options().autoStart()) {
                units.put(unit.fileName(), AppliedStates.recorded(unit));
            }
        }
        // Units left alone get their dependencies recorded as they are now (none recorded yet, or changed).
        for (RepoUnit unit : desired.units().values()) {
            AppliedUnit known = units.get(unit.fileName());
            if (known != null && !unit.dependsOn().equals(known.dependsOn()) && known.systemdName().equals(unit.systemdName())) {
                units.put(unit.fileName(), known.withDependsOn(unit.dependsOn()));
            }
        }
        return new Host(new AppliedState("desired", files, units), observed);
    }

    @Test
    void applyingThePlanLeavesNothingToDo() {
        Seeded.check(400, PlannerPropertiesTest::scenario, s -> {
            DesiredState desired = repository(s.desired(), s.lastIsSelf());
            Host host = host(s);
            Plan plan = Planner.plan(desired, host.applied(), host.observed());

            Host after = apply(plan, desired, host);

            assertThat(Planner.plan(desired, after.applied(), after.observed()).actions()).isEmpty();
            // Not just a fixed point of the planner: the host now holds exactly what the repository says.
            Map<String, String> desiredFiles = new HashMap<>();
            desired.files().values().forEach(f -> desiredFiles.put(f.target(), f.digest()));
            assertThat(after.applied().files()).isEqualTo(desiredFiles);
            assertThat(after.observed()).isEqualTo(desiredFiles);
            Map<String, AppliedUnit> desiredUnits = new HashMap<>();
            desired.units().values().forEach(u -> desiredUnits.put(u.fileName(), AppliedStates.recorded(u)));
            assertThat(after.applied().units()).isEqualTo(desiredUnits);
        });
    }

    @Test
    void everyUnitStartsAfterItsDependencies() {
        Seeded.check(400, PlannerPropertiesTest::scenario, s -> {
            DesiredState desired = repository(s.desired(), s.lastIsSelf());
            Host host = host(s);
            List<Action> actions = Planner.plan(desired, host.applied(), host.observed()).actions();

            Map<String, Integer> startedAt = new HashMap<>();
            for (int i = 0; i < actions.size(); i++) {
                Action a = actions.get(i);
                if (a.type() == ActionType.START || a.type() == ActionType.RESTART) {
                    assertThat(startedAt.put(a.unit(), i)).as("started twice: %s", a.unit()).isNull();
                }
            }
            startedAt.forEach((unit, at) -> {
                for (String dependency : desired.units().get(unit).dependsOn()) {
                    Integer dependencyAt = startedAt.get(dependency);
                    if (dependencyAt != null) {
                        assertThat(dependencyAt).as("%s before %s", dependency, unit).isLessThan(at);
                    }
                }
                if (desired.units().get(unit).options().self()) {
                    assertThat(at).as("Berth's own unit last").isEqualTo(actions.size() - 1);
                }
            });
        });
    }

    /** Whether {@code from} depends on {@code to}, directly or through other stopping units, by the planner's rule. */
    private static boolean reaches(String from, String to, java.util.Set<String> stopping, DesiredState desired, AppliedState applied) {
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(from));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            String u = todo.pop();
            if (!seen.add(u)) {
                continue;
            }
            for (String d : dependsOnForStop(u, desired, applied)) {
                if (d.equals(to)) {
                    return true;
                }
                if (stopping.contains(d)) {
                    todo.push(d);
                }
            }
        }
        return false;
    }

    /** What the planner orders a stop by: the recorded dependencies, else the repository's (as Planner.dependenciesOf). */
    private static List<String> dependsOnForStop(String unit, DesiredState desired, AppliedState applied) {
        AppliedUnit running = applied.units().get(unit);
        if (running != null && running.dependsOn() != null) {
            return running.dependsOn();
        }
        RepoUnit stillDesired = desired.units().get(unit);
        return stillDesired == null ? List.of() : stillDesired.dependsOn();
    }

    @Test
    void everyUnitStopsBeforeTheStoppingUnitsItWasRecordedToDependOn() {
        Seeded.check(400, PlannerPropertiesTest::scenario, s -> {
            DesiredState desired = repository(s.desired(), s.lastIsSelf());
            Host host = host(s);
            List<Action> actions = Planner.plan(desired, host.applied(), host.observed()).actions();

            Map<String, Integer> stoppedAt = new HashMap<>();
            for (int i = 0; i < actions.size(); i++) {
                Action a = actions.get(i);
                if (a.type() == ActionType.STOP) {
                    assertThat(stoppedAt.put(a.unit(), i)).as("stopped twice: %s", a.unit()).isNull();
                }
            }
            // A unit whose dependencies were not recorded is ordered by the repository's, and those can close a
            // cycle with recorded ones (two revisions disagree). No order satisfies a cycle: the planner puts the
            // units in and behind it last, by kind. The property is about the orders that exist.
            if (stoppedAt.keySet().stream().anyMatch(u -> reaches(u, u, stoppedAt.keySet(), desired, host.applied()))) {
                return;
            }
            stoppedAt.forEach((unit, at) -> {
                List<String> recorded = host.applied().units().get(unit).dependsOn();
                for (String dependency : recorded == null ? List.<String>of() : recorded) {
                    Integer dependencyAt = stoppedAt.get(dependency);
                    if (dependencyAt != null) {
                        assertThat(at).as("%s stops before %s, which it depended on", unit, dependency).isLessThan(dependencyAt);
                    }
                }
            });
        });
    }

    @Test
    void phasesComeInOrderWithOneReloadAfterAllFileActions() {
        Seeded.check(400, PlannerPropertiesTest::scenario, s -> {
            DesiredState desired = repository(s.desired(), s.lastIsSelf());
            Host host = host(s);
            Plan plan = Planner.plan(desired, host.applied(), host.observed());

            int phase = 0;
            for (Action a : plan.actions()) {
                int p = phaseOf(a.type());
                assertThat(p).as("%s after phase %d in %s", a, phase, plan.actions()).isGreaterThanOrEqualTo(phase);
                phase = p;
            }
            boolean anyFileAction = !plan.ofType(ActionType.WRITE_FILE).isEmpty()
                    || !plan.ofType(ActionType.REMOVE_FILE).isEmpty();
            assertThat(plan.ofType(ActionType.DAEMON_RELOAD)).hasSize(anyFileAction ? 1 : 0);
            assertThat(Planner.plan(desired, host.applied(), host.observed())).isEqualTo(plan);
        });
    }

    private static int phaseOf(ActionType type) {
        return switch (type) {
            case STOP -> 0;
            case REMOVE_FILE -> 1;
            case WRITE_FILE -> 2;
            case DAEMON_RELOAD -> 3;
            // interleaved in dependency order, so one phase
            case START, RESTART -> 4;
        };
    }
}

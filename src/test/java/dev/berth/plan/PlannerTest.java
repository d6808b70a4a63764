package dev.berth.plan;

import static dev.berth.plan.ActionType.DAEMON_RELOAD;
import static dev.berth.plan.ActionType.REMOVE_FILE;
import static dev.berth.plan.ActionType.RESTART;
import static dev.berth.plan.ActionType.START;
import static dev.berth.plan.ActionType.STOP;
import static dev.berth.plan.ActionType.WRITE_FILE;
import static dev.berth.plan.AppliedStates.fullyApplied;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.repo.DesiredState;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static DesiredBuilder webStack() {
        return new DesiredBuilder()
                .unit("net.network").in("web").add()
                .unit("data.volume").in("web").add()
                .unit("web.container").in("web").dependsOn("net.network", "data.volume")
                .dropIn("web/web.container.d/10-limits.conf", "v1")
                .supporting("web/site.env", "v1").add();
    }

    private static List<String> steps(Plan plan) {
        return plan.actions().stream().map(a -> a.type() + " " + a.subject()).toList();
    }

    private static Action only(Plan plan, ActionType type) {
        assertThat(plan.ofType(type)).hasSize(1);
        return plan.ofType(type).get(0);
    }

    @Test
    void nothingToDoWhenTheHostMatches() {
        DesiredState desired = webStack().build();
        assertThat(Planner.plan(desired, fullyApplied(desired, "c1")).isEmpty()).isTrue();
        assertThat(Planner.plan(DesiredState.empty(), AppliedState.empty(), Map.of()).isEmpty()).isTrue();
    }

    @Test
    void fullDeployWritesEverythingReloadsOnceThenStartsDependenciesFirst() {
        Plan plan = Planner.plan(webStack().build(), AppliedState.empty(), Map.of());
        assertThat(steps(plan)).containsExactly(
                "WRITE_FILE quadlet/web/data.volume",
                "WRITE_FILE quadlet/web/net.network",
                "WRITE_FILE quadlet/web/site.env",
                "WRITE_FILE quadlet/web/web.container",
                "WRITE_FILE quadlet/web/web.container.d/10-limits.conf",
                "DAEMON_RELOAD ",
                "START data-volume.service",
                "START net-network.service",
                "START web.service");
        assertThat(plan.ofType(WRITE_FILE)).allSatisfy(a -> assertThat(a.reason()).isEqualTo("new file"));
        assertThat(plan.ofType(START)).allSatisfy(a -> assertThat(a.reason()).isEqualTo("new unit"));
    }

    @Test
    void sameInputGivesTheSamePlan() {
        DesiredState desired = webStack().build();
        assertThat(Planner.plan(desired, AppliedState.empty(), Map.of()))
                .isEqualTo(Planner.plan(desired, AppliedState.empty(), Map.of()));
    }

    @Nested
    class Files {

        @Test
        void changedSupportingFileIsWrittenAndItsUnitRestartsNamingIt() {
            DesiredBuilder before = webStack();
            AppliedState applied = fullyApplied(before.build(), "c1");
            DesiredBuilder after = DesiredBuilder.from(before);
            after.edit("web.container").supporting("web/site.env", "v2");

            Plan plan = Planner.plan(after.build(), applied, applied.files());

            assertThat(steps(plan)).containsExactly(
                    "WRITE_FILE quadlet/web/site.env", "DAEMON_RELOAD ", "RESTART web.service");
            assertThat(only(plan, WRITE_FILE).reason()).isEqualTo("changed");
            assertThat(only(plan, WRITE_FILE).why().repairsDrift()).as("the repository changed it: no drift").isFalse();
            assertThat(only(plan, WRITE_FILE).unit()).isEqualTo("web.container");
            assertThat(only(plan, RESTART).reason()).isEqualTo("supporting file web/site.env changed");
        }

        @Test
        void restartReasonNamesTheUnitFileOrTheDropIn() {
            DesiredBuilder before = webStack();
            AppliedState applied = fullyApplied(before.build(), "c1");

            DesiredBuilder unitEdited = DesiredBuilder.from(before);
            unitEdited.edit("web.container").digest("v2");
            assertThat(only(Planner.plan(unitEdited.build(), applied), RESTART).reason())
                    .isEqualTo("unit file changed");

            DesiredBuilder dropInEdited = DesiredBuilder.from(before);
            dropInEdited.edit("web.container").dropIn("web/web.container.d/10-limits.conf", "v2")
                    .dropIn("web/web.container.d/20-env.conf", "v1");
            assertThat(only(Planner.plan(dropInEdited.build(), applied), RESTART).reason()).isEqualTo(
                    "drop-in web/web.container.d/10-limits.conf changed, drop-in web/web.container.d/20-env.conf added");
        }

        @Test
        void removedFilesAreRemovedBeforeWritesAndOnlyFilesBerthRecorded() {
            DesiredBuilder before = webStack().file("web/README.txt", "v1");
            AppliedState applied = fullyApplied(before.build(), "c1");
            DesiredBuilder after = DesiredBuilder.from(before);
            after.edit("web.container").digest("v2");
            DesiredState desired = new DesiredState(after.build().units(), withoutTarget(after.build(), "quadlet/web/README.txt"));

            // A file on disk Berth never recorded is not in the applied state: the planner cannot even name it.
            Map<String, String> observed = new HashMap<>(applied.files());
            observed.put("quadlet/web/hand-made.conf", "x");
            Plan plan = Planner.plan(desired, applied, observed);

            assertThat(steps(plan)).containsExactly(
                    "REMOVE_FILE quadlet/web/README.txt",
                    "WRITE_FILE quadlet/web/web.container",
                    "DAEMON_RELOAD ",
                    "RESTART web.service");
            assertThat(only(plan, REMOVE_FILE).reason()).isEqualTo("no longer in the repository");
        }

        private static Map<String, dev.berth.repo.InstalledFile> withoutTarget(DesiredState d, String target) {
            Map<String, dev.berth.repo.InstalledFile> files = new HashMap<>(d.files());
            files.remove(target);
            return files;
        }

        @Test
        void oneReloadAfterAllFileActionsAndNoneWithoutThem() {
            DesiredBuilder before = webStack();
            AppliedState applied = fullyApplied(before.build(), "c1");
            DesiredBuilder after = DesiredBuilder.from(before).without("data.volume");
            after.edit("web.container").digest("v2").supporting("web/site.env", "v2");
            after.unit("cache.container").add();

            Plan plan = Planner.plan(after.build(), applied);

            assertThat(plan.ofType(DAEMON_RELOAD)).hasSize(1);
            int reload = plan.actions().indexOf(only(plan, DAEMON_RELOAD));
            for (int i = 0; i < plan.actions().size(); i++) {
                ActionType type = plan.actions().get(i).type();
                if (type == WRITE_FILE || type == REMOVE_FILE) {
                    assertThat(i).isLessThan(reload);
                }
            }
            assertThat(Planner.plan(before.build(), applied).ofType(DAEMON_RELOAD)).isEmpty();
        }

        @Test
        void writesAreSortedByTarget() {
            Plan plan = Planner.plan(new DesiredBuilder()
                    .unit("b.container").add().unit("a.container").in("z").add().unit("c.timer").add()
                    .build(), AppliedState.empty(), Map.of());
            assertThat(plan.ofType(WRITE_FILE)).extracting(Action::subject)
                    .containsExactly("quadlet/b.container", "quadlet/z/a.container", "unit/c.timer");
        }
    }

    @Nested
    class Drift {

        @Test
        void fileChangedOnTheHostIsRewrittenAndItsUnitRestarted() {
            DesiredState desired = webStack().build();
            AppliedState applied = fullyApplied(desired, "c1");
            Map<String, String> observed = new HashMap<>(applied.files());
            observed.put("quadlet/web/site.env", "edited-by-hand");

            Plan plan = Planner.plan(desired, applied, observed);

            assertThat(steps(plan)).containsExactly(
                    "WRITE_FILE quadlet/web/site.env", "DAEMON_RELOAD ", "RESTART web.service");
            assertThat(only(plan, WRITE_FILE).reason()).isEqualTo("drift: changed on the host");
            assertThat(only(plan, WRITE_FILE).why().repairsDrift()).as("known as drift by its type, not its words").isTrue();
            assertThat(only(plan, RESTART).reason()).startsWith("repaired drift");
        }

        @Test
        void fileDeletedOnTheHostIsRewritten() {
            DesiredState desired = webStack().build();
            AppliedState applied = fullyApplied(desired, "c1");
            Map<String, String> observed = new HashMap<>(applied.files());
            observed.remove("quadlet/web/net.network");

            Plan plan = Planner.plan(desired, applied, observed);

            assertThat(only(plan, WRITE_FILE).reason()).isEqualTo("drift: deleted on the host");
            assertThat(only(plan, WRITE_FILE).why().repairsDrift()).isTrue();
            assertThat(only(plan, RESTART).subject()).isEqualTo("net-network.service");
        }

        @Test
        void driftOfATimerTriggeredServiceRewritesItButDoesNotStartIt() {
            DesiredState desired = new DesiredBuilder()
                    .unit("backup.service").notAutoStarted().add().unit("backup.timer").add().build();
            AppliedState applied = fullyApplied(desired, "c1");
            Map<String, String> observed = new HashMap<>(applied.files());
            observed.put("unit/backup.service", "edited");

            assertThat(steps(Planner.plan(desired, applied, observed)))
                    .containsExactly("WRITE_FILE unit/backup.service", "DAEMON_RELOAD ");
        }
    }

    @Nested
    class Units {

        @Test
        void removedUnitStopsBeforeItsFilesAreRemoved() {
            DesiredBuilder before = webStack().unit("old.container").in("old").supporting("old/old.env", "v1").add();
            AppliedState applied = fullyApplied(before.build(), "c1");
            DesiredState after = DesiredBuilder.from(before).without("old.container").build();

            Plan plan = Planner.plan(after, applied);

            assertThat(steps(plan)).containsExactly(
                    "STOP old.service",
                    "REMOVE_FILE quadlet/old/old.container",
                    "REMOVE_FILE quadlet/old/old.env",
                    "DAEMON_RELOAD ");
            assertThat(only(plan, STOP).reason()).isEqualTo("removed from the repository");
            assertThat(only(plan, STOP).unit()).isEqualTo("old.container");
        }

        @Test
        void removedUnitsStopDependentsFirst() {
            DesiredBuilder before = new DesiredBuilder()
                    .unit("app.pod").add()
                    .unit("net.network").add().unit("data.volume").add().unit("img.build").add()
                    .unit("app.container").dependsOn("net.network", "data.volume", "img.build", "app.pod").add()
                    .unit("nightly.timer").add().unit("nightly.service").notAutoStarted().add();
            AppliedState applied = fullyApplied(before.build(), "c1");

            Plan plan = Planner.plan(DesiredState.empty(), applied);

            assertThat(plan.ofType(STOP)).extracting(Action::unit).containsExactly(
                    "nightly.timer", "app.container", "nightly.service", "app.pod", "img.build",
                    "data.volume", "net.network");
        }

        @Test
        void removedUnitsStopInTheDependencyOrderRecordedWhenTheyWereApplied() {
            // Same kind, and the name order is the wrong way round: only the recorded dependencies get it right.
            DesiredBuilder before = new DesiredBuilder()
                    .unit("api.container").add()
                    .unit("web.container").dependsOn("api.container").add()
                    .unit("net.network").add()
                    .unit("db.container").dependsOn("net.network").add();
            AppliedState applied = fullyApplied(before.build(), "c1");

            Plan plan = Planner.plan(DesiredState.empty(), applied);

            assertThat(plan.ofType(STOP)).extracting(Action::unit)
                    .containsExactly("db.container", "web.container", "api.container", "net.network");
        }

        @Test
        void stateWithoutRecordedDependenciesStopsByKindThenName() {
            DesiredBuilder before = new DesiredBuilder()
                    .unit("api.container").add()
                    .unit("web.container").dependsOn("api.container").add()
                    .unit("net.network").add()
                    .unit("db.container").dependsOn("net.network").add();
            AppliedState oldState = AppliedStates.withoutDependencies(fullyApplied(before.build(), "c1"));

            Plan plan = Planner.plan(DesiredState.empty(), oldState);

            assertThat(plan.ofType(STOP)).extracting(Action::unit)
                    .containsExactly("api.container", "db.container", "web.container", "net.network");
        }

        @Test
        void renamedUnitStopsByTheDependenciesItRanWith() {
            // web used to need api; the commit that renames web also drops that need and removes api.
            DesiredBuilder before = new DesiredBuilder()
                    .unit("api.container").add()
                    .unit("web.container").dependsOn("api.container").add();
            AppliedState applied = fullyApplied(before.build(), "c1");
            DesiredBuilder after = new DesiredBuilder();
            after.unit("web.container").serviceName("website.service").add();

            Plan plan = Planner.plan(after.build(), applied);

            assertThat(plan.ofType(STOP)).extracting(Action::subject).containsExactly("web.service", "api.service");
        }

        @Test
        void renamedServiceStopsTheOldNameAndStartsTheNew() {
            DesiredBuilder before = webStack();
            AppliedState applied = fullyApplied(before.build(), "c1");
            DesiredBuilder after = DesiredBuilder.from(before);
            after.edit("web.container").serviceName("website.service");

            Plan plan = Planner.plan(after.build(), applied);

            assertThat(steps(plan)).containsExactly("STOP web.service", "START website.service");
            assertThat(only(plan, STOP).reason()).isEqualTo("renamed to website.service");
            assertThat(only(plan, START).reason()).isEqualTo("renamed from web.service");
        }

        @Test
        void unitsNotAutoStartedGetTheirFilesButAreNeverStartedOrRestarted() {
            DesiredBuilder before = new DesiredBuilder()
                    .unit("backup.timer").add()
                    .unit("backup.service").notAutoStarted().supporting("backup.env", "v1").add();
            Plan fresh = Planner.plan(before.build(), AppliedState.empty(), Map.of());
            assertThat(fresh.ofType(WRITE_FILE)).extracting(Action::subject)
                    .containsExactly("quadlet/backup.env", "unit/backup.service", "unit/backup.timer");
            assertThat(fresh.ofType(START)).extracting(Action::subject).containsExactly("backup.timer");

            AppliedState applied = fullyApplied(before.build(), "c1");
            DesiredBuilder after = DesiredBuilder.from(before);
            after.edit("backup.service").supporting("backup.env", "v2");
            assertThat(steps(Planner.plan(after.build(), applied)))
                    .containsExactly("WRITE_FILE quadlet/backup.env", "DAEMON_RELOAD ");
        }

        @Test
        void unitThatWasOnlyInstalledIsStartedOnceItIsAutoStarted() {
            DesiredBuilder before = new DesiredBuilder().unit("job.service").notAutoStarted().add();
            AppliedState applied = fullyApplied(before.build(), "c1");
            DesiredBuilder after = DesiredBuilder.from(before);
            after.edit("job.service").autoStart = true;

            Plan plan = Planner.plan(after.build(), applied);
            assertThat(steps(plan)).containsExactly("START job.service");
        }

        @Test
        void volumesAndNetworksAreStartedLikeOtherUnits() {
            Plan plan = Planner.plan(new DesiredBuilder().unit("db.volume").add().unit("lan.network").add().build(),
                    AppliedState.empty(), Map.of());
            assertThat(plan.ofType(START)).extracting(Action::subject)
                    .containsExactly("db-volume.service", "lan-network.service");
        }

        @Test
        void startsAndRestartsInterleaveInDependencyOrderWithTiesByName() {
            DesiredBuilder before = new DesiredBuilder()
                    .unit("z.network").add()
                    .unit("a.container").dependsOn("m.container").add()
                    .unit("m.container").dependsOn("z.network").add();
            AppliedState applied = fullyApplied(before.build(), "c1");
            DesiredBuilder after = DesiredBuilder.from(before);
            after.edit("z.network").digest("v2");
            after.edit("a.container").digest("v2");
            after.unit("b.container").dependsOn("z.network").add();

            // m.container does not change, yet a.container must still wait for it, so b.container (ready at
            // the same time as m.container, and first by name) goes before a.container.
            assertThat(Planner.plan(after.build(), applied).actions().stream()
                    .filter(a -> a.type() == START || a.type() == RESTART).map(a -> a.type() + " " + a.unit()))
                    .containsExactly("RESTART z.network", "START b.container", "RESTART a.container");
        }

        @Test
        void berthsOwnUnitComesLastOfAll() {
            DesiredState desired = new DesiredBuilder()
                    .unit("berth.container").self().add()
                    .unit("zz.container").add()
                    .unit("app.container").dependsOn("zz.container").add()
                    .build();
            Plan plan = Planner.plan(desired, AppliedState.empty(), Map.of());
            assertThat(plan.actions().get(plan.actions().size() - 1).unit()).isEqualTo("berth.container");
        }

        @Test
        void dependencyCycleStillProducesEveryUnitOnceInNameOrder() {
            DesiredState desired = new DesiredBuilder()
                    .unit("c.container").dependsOn("b.container").add()
                    .unit("b.container").dependsOn("c.container").add()
                    .unit("a.container").dependsOn("a.container").add()
                    .build();
            assertThat(Planner.plan(desired, AppliedState.empty(), Map.of()).ofType(START))
                    .extracting(Action::unit).containsExactly("a.container", "b.container", "c.container");
        }

        @Test
        void inputDigestChangeWithNoInstalledFileChangedStillRestarts() {
            DesiredState desired = webStack().build();
            AppliedState applied = fullyApplied(desired, "c1");
            Map<String, AppliedUnit> units = new HashMap<>(applied.units());
            AppliedUnit web = units.get("web.container");
            units.put("web.container", new AppliedUnit(web.fileName(), web.systemdName(), "older", true));

            Plan plan = Planner.plan(desired, new AppliedState("c1", applied.files(), units));
            assertThat(steps(plan)).containsExactly("RESTART web.service");
            assertThat(only(plan, RESTART).reason()).isEqualTo("inputs changed");
        }
    }
}

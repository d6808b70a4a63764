package dev.berth.plan;

import static dev.berth.plan.AppliedStates.fullyApplied;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.repo.DesiredState;
import dev.berth.repo.InstalledFile;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.UnitOptions;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The plan that follows a change ({@link Planner#plan(DesiredState, AppliedState, Map, PlanMemo)}) against the
 * full plan, one guard at a time. The later desired states are made as an incremental read makes them: a copy of
 * the earlier one with only the changed units and files replaced, every other one the very same object.
 */
class ChangedUnitsPlanTest {

    private static final String SITE_ENV = "quadlet/web/site.env";
    private static final String API_ENV = "quadlet/api/api.env";

    /** aa waits on zz although it sorts first; berth.container is Berth's own; backup.service is started by a timer */
    private static DesiredState stack() {
        return new DesiredBuilder()
                .unit("net.network").in("web").add()
                .unit("data.volume").in("web").add()
                .unit("web.container").in("web").dependsOn("net.network", "data.volume")
                .dropIn("web/web.container.d/10-limits.conf", "v1").supporting("web/site.env", "v1").add()
                .unit("api.container").in("api").dependsOn("web.container").supporting("api/api.env", "v1").add()
                .unit("aa.container").in("apps").dependsOn("zz.container").add()
                .unit("zz.container").in("apps").add()
                .unit("berth.container").in("berth").self().add()
                .unit("backup.service").in("jobs").notAutoStarted().add()
                .build();
    }

    private final DesiredState desired = stack();
    private final AppliedState applied = fullyApplied(desired, "c1");
    private final PlanMemo earlier = Planner.plan(desired, applied, applied.files(), null).memo();

    // ---- making the next commit's desired state as the incremental read makes it

    private static DesiredState with(DesiredState from, List<RepoUnit> units, List<InstalledFile> files) {
        Map<String, RepoUnit> u = new TreeMap<>(from.units());
        units.forEach(unit -> u.put(unit.fileName(), unit));
        Map<String, InstalledFile> f = new TreeMap<>(from.files());
        files.forEach(file -> f.put(file.target(), file));
        return new DesiredState(u, f);
    }

    private static RepoUnit unit(DesiredState d, String fileName) {
        return d.units().get(fileName);
    }

    /** The unit rebuilt with another input digest, everything else as it was. */
    private static RepoUnit digest(RepoUnit u, String inputDigest) {
        return new RepoUnit(u.name(), u.path(), u.unit(), u.dropIns(), u.supportingFiles(), u.systemdName(), u.dependsOn(),
                inputDigest, u.options());
    }

    private static InstalledFile content(DesiredState d, String target, String digest) {
        InstalledFile f = d.files().get(target);
        return new InstalledFile(f.target(), f.source(), digest);
    }

    /** The followed plan took the short way and is the full plan's equal. */
    private static Planning followed(DesiredState next, AppliedState applied, Map<String, String> observed, PlanMemo earlier) {
        Planning planning = Planner.plan(next, applied, observed, earlier);
        assertThat(planning.plan()).as("the followed plan against the full plan").isEqualTo(Planner.plan(next, applied, observed));
        assertThat(planning.kind()).isEqualTo(Planning.Kind.CHANGED_UNITS);
        return planning;
    }

    /** The followed plan saw a doubt and planned everything, which is the full plan. */
    private static Planning full(DesiredState next, AppliedState applied, Map<String, String> observed, PlanMemo earlier) {
        Planning planning = Planner.plan(next, applied, observed, earlier);
        assertThat(planning.plan()).as("the followed plan against the full plan").isEqualTo(Planner.plan(next, applied, observed));
        assertThat(planning.kind()).isEqualTo(Planning.Kind.FULL);
        return planning;
    }

    private static List<String> steps(Plan plan) {
        return plan.actions().stream().map(Action::toString).toList();
    }

    @Nested
    class FollowsTheChange {

        @Test
        void aChangedEnvFileIsWrittenAndItsReaderRestarted() {
            DesiredState next = with(desired, List.of(digest(unit(desired, "web.container"), "w2")),
                    List.of(content(desired, SITE_ENV, "v2")));
            Planning planning = followed(next, applied, applied.files(), earlier);
            assertThat(steps(planning.plan())).containsExactly(
                    "write-file quadlet/web/site.env  (changed)",
                    "daemon-reload  (regenerate units from the changed files)",
                    "restart web.service  (supporting file web/site.env changed)");
            assertThat(planning.plan().ofType(ActionType.WRITE_FILE).get(0).unit()).isEqualTo("web.container");
        }

        @Test
        void changedUnitsRestartInDependencyOrderAndBerthLast() {
            DesiredState next = with(desired, List.of(digest(unit(desired, "aa.container"), "a2"),
                    digest(unit(desired, "berth.container"), "b2"), digest(unit(desired, "zz.container"), "z2")), List.of());
            Planning planning = followed(next, applied, applied.files(), earlier);
            assertThat(planning.plan().ofType(ActionType.RESTART)).extracting(Action::unit)
                    .containsExactly("zz.container", "aa.container", "berth.container");
        }

        @Test
        void aUnitChangedBackToWhatIsAppliedNoLongerRestarts() {
            DesiredState changed = with(desired, List.of(digest(unit(desired, "api.container"), "a2")), List.of());
            PlanMemo restarting = followed(changed, applied, applied.files(), earlier).memo();
            DesiredState back = with(changed, List.of(digest(unit(changed, "api.container"),
                    unit(desired, "api.container").inputDigest())), List.of());
            assertThat(followed(back, applied, applied.files(), restarting).plan().isEmpty()).isTrue();
        }

        @Test
        void aUnitNoLongerStartedByBerthLosesItsRestart() {
            RepoUnit api = digest(unit(desired, "api.container"), "a2");
            PlanMemo restarting = followed(with(desired, List.of(api), List.of()), applied, applied.files(), earlier).memo();
            RepoUnit timerStarted = new RepoUnit(api.name(), api.path(), api.unit(), api.dropIns(), api.supportingFiles(),
                    api.systemdName(), api.dependsOn(), "a3", new UnitOptions(false, false, UnitOptions.DEFAULT_HEALTH_TIMEOUT));
            Planning planning = followed(with(desired, List.of(timerStarted), List.of()), applied, applied.files(), restarting);
            assertThat(planning.plan().ofType(ActionType.RESTART)).isEmpty();
        }

        /**
         * A unit that is the same object but reads a file that changed again: its restart's words name the files
         * that differ from what is applied, so they are worked out again (here: none of its files differ any more).
         */
        @Test
        void anEarlierRestartIsWordedAgainWhenAFileItReadsChanges() {
            Map<String, String> files = new HashMap<>(applied.files());
            files.put(SITE_ENV, "v0");
            Map<String, AppliedUnit> units = new HashMap<>(applied.units());
            units.put("web.container", new AppliedUnit("web.container", "web.service", "w0", true, List.of()));
            AppliedState older = new AppliedState("c0", files, units);
            Planning first = Planner.plan(desired, older, older.files(), null);
            assertThat(first.plan().ofType(ActionType.RESTART).get(0).reason()).isEqualTo("supporting file web/site.env changed");

            DesiredState next = with(desired, List.of(), List.of(content(desired, SITE_ENV, "v0")));
            Planning planning = followed(next, older, older.files(), first.memo());
            assertThat(planning.plan().ofType(ActionType.RESTART).get(0).reason()).isEqualTo(RestartReason.INPUTS_CHANGED);
        }

        @Test
        void aFollowedPlanIsFollowedAgain() {
            DesiredState second = with(desired, List.of(digest(unit(desired, "web.container"), "w2")),
                    List.of(content(desired, SITE_ENV, "v2")));
            PlanMemo memo = followed(second, applied, applied.files(), earlier).memo();
            DesiredState third = with(second, List.of(digest(unit(second, "api.container"), "a2")),
                    List.of(content(second, API_ENV, "v2")));
            assertThat(followed(third, applied, applied.files(), memo).plan().ofType(ActionType.RESTART))
                    .extracting(Action::unit).containsExactly("web.container", "api.container");
        }
    }

    @Nested
    class PlansEverythingOnADoubt {

        private final DesiredState webChanged = with(desired, List.of(digest(unit(desired, "web.container"), "w2")),
                List.of(content(desired, SITE_ENV, "v2")));

        /** The files on disk as they were, but another applied state: api.container was applied from other inputs. */
        @Test
        void anotherAppliedState() {
            Map<String, AppliedUnit> units = new HashMap<>(applied.units());
            units.put("api.container", new AppliedUnit("api.container", "api.service", "a0", true, List.of()));
            AppliedState other = new AppliedState("c0", applied.files(), units);
            Planning planning = full(webChanged, other, applied.files(), earlier);
            assertThat(planning.plan().ofType(ActionType.RESTART)).extracting(Action::unit)
                    .containsExactly("web.container", "api.container");
        }

        @Test
        void anotherObservationOfTheFilesOnDisk() {
            full(webChanged, applied, new HashMap<>(applied.files()), earlier);
        }

        @Test
        void driftInTheEarlierPlan() {
            Map<String, String> observed = new HashMap<>(applied.files());
            observed.put(API_ENV, "edited-by-hand");
            PlanMemo drifted = Planner.plan(desired, applied, observed, null).memo();
            full(webChanged, applied, observed, drifted);
        }

        /** Back to the applied content while the host copy differs: now a repair, and its readers restart. */
        @Test
        void aChangedFileThatHasDrifted() {
            Map<String, String> observed = new HashMap<>(applied.files());
            observed.put(SITE_ENV, "edited-by-hand");
            PlanMemo changedInRepository = Planner.plan(webChanged, applied, observed, null).memo();
            DesiredState back = with(webChanged, List.of(digest(unit(webChanged, "web.container"),
                    unit(desired, "web.container").inputDigest())), List.of(content(webChanged, SITE_ENV, "v1")));
            Planning planning = full(back, applied, observed, changedInRepository);
            assertThat(planning.plan().ofType(ActionType.RESTART).get(0).reason()).startsWith(RestartReason.REPAIRED_DRIFT);
        }

        @Test
        void aUnitAddedOrRemoved() {
            DesiredState added = new DesiredBuilder().unit("new.container").add().build();
            Map<String, RepoUnit> units = new TreeMap<>(desired.units());
            units.putAll(added.units());
            full(new DesiredState(units, desired.files()), applied, applied.files(), earlier);
            units = new TreeMap<>(desired.units());
            units.remove("zz.container");
            full(new DesiredState(units, desired.files()), applied, applied.files(), earlier);
        }

        @Test
        void aFileAddedOrRemoved() {
            Map<String, InstalledFile> files = new TreeMap<>(desired.files());
            files.put("quadlet/web/extra.conf", new InstalledFile("quadlet/web/extra.conf", "web/extra.conf", "x"));
            full(new DesiredState(desired.units(), files), applied, applied.files(), earlier);
            files = new TreeMap<>(desired.files());
            files.remove(API_ENV);
            full(new DesiredState(desired.units(), files), applied, applied.files(), earlier);
        }

        @Test
        void aFileFromAnotherSource() {
            InstalledFile moved = new InstalledFile(SITE_ENV, "elsewhere/site.env", "v2");
            full(with(desired, List.of(), List.of(moved)), applied, applied.files(), earlier);
        }

        /** aa sorts before api, so once it reads api.env too it is the unit the write of api.env is for. */
        @Test
        void aUnitThatReadsOtherFiles() {
            RepoUnit aa = unit(desired, "aa.container");
            RepoUnit readsApiEnv = new RepoUnit(aa.name(), aa.path(), aa.unit(), aa.dropIns(), List.of("api/api.env"),
                    aa.systemdName(), aa.dependsOn(), "a2", aa.options());
            DesiredState next = with(desired, List.of(readsApiEnv, digest(unit(desired, "api.container"), "p2")),
                    List.of(content(desired, API_ENV, "v2")));
            Planning planning = full(next, applied, applied.files(), earlier);
            assertThat(planning.plan().ofType(ActionType.WRITE_FILE).get(0).unit()).isEqualTo("aa.container");
        }

        @Test
        void aUnitWithOtherDropIns() {
            RepoUnit web = unit(desired, "web.container");
            RepoUnit noDropIns = new RepoUnit(web.name(), web.path(), web.unit(), List.of(), web.supportingFiles(),
                    web.systemdName(), web.dependsOn(), "w2", web.options());
            full(with(desired, List.of(noDropIns), List.of()), applied, applied.files(), earlier);
        }

        @Test
        void aUnitRenamed() {
            RepoUnit api = unit(desired, "api.container");
            RepoUnit renamed = new RepoUnit(api.name(), api.path(), api.unit(), api.dropIns(), api.supportingFiles(),
                    "api-v2.service", api.dependsOn(), "a2", api.options());
            Planning planning = full(with(desired, List.of(renamed), List.of()), applied, applied.files(), earlier);
            assertThat(planning.plan().ofType(ActionType.STOP)).extracting(Action::subject).containsExactly("api.service");
        }

        /** zz now waits on aa, and no longer the other way round: the start order turns. */
        @Test
        void unitsWithOtherDependencies() {
            RepoUnit aa = unit(desired, "aa.container");
            RepoUnit zz = unit(desired, "zz.container");
            RepoUnit aaAlone = new RepoUnit(aa.name(), aa.path(), aa.unit(), aa.dropIns(), aa.supportingFiles(),
                    aa.systemdName(), List.of(), "a2", aa.options());
            RepoUnit zzAfterAa = new RepoUnit(zz.name(), zz.path(), zz.unit(), zz.dropIns(), zz.supportingFiles(),
                    zz.systemdName(), List.of("aa.container"), "z2", zz.options());
            Planning planning = full(with(desired, List.of(aaAlone, zzAfterAa), List.of()), applied, applied.files(), earlier);
            assertThat(planning.plan().ofType(ActionType.RESTART)).extracting(Action::unit)
                    .containsExactly("aa.container", "zz.container");
        }

        /** zz becomes Berth's own unit: it starts after everything else. */
        @Test
        void aUnitThatBecomesBerthsOwn() {
            RepoUnit zz = unit(desired, "zz.container");
            RepoUnit own = new RepoUnit(zz.name(), zz.path(), zz.unit(), zz.dropIns(), zz.supportingFiles(),
                    zz.systemdName(), zz.dependsOn(), "z2", new UnitOptions(true, true, UnitOptions.DEFAULT_HEALTH_TIMEOUT));
            DesiredState next = with(desired, List.of(own, digest(unit(desired, "aa.container"), "a2")), List.of());
            Planning planning = full(next, applied, applied.files(), earlier);
            assertThat(planning.plan().ofType(ActionType.RESTART)).extracting(Action::unit)
                    .containsExactly("aa.container", "zz.container");
        }
    }
}

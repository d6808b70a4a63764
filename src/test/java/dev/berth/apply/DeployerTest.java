package dev.berth.apply;

import dev.berth.pipeline.SyncOptions;
import dev.berth.pipeline.Deployer;
import dev.berth.desired.CheckedRepositoryLoader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.git.TestGitRepo;
import dev.berth.host.HostLayout;
import dev.berth.state.AppliedState;
import dev.berth.state.BerthConfig;
import dev.berth.state.DeploymentReason;
import dev.berth.state.StateStore;
import dev.berth.state.SyncReport;
import dev.berth.state.SyncResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy flow (fetch → validate → plan → apply → record) against real git and a recording systemd. */
class DeployerTest {
    @TempDir
    Path tmp;

    private TestGitRepo repo;
    private HostLayout layout;
    private StateStore store;
    private final RecordingSystemd systemd = new RecordingSystemd();
    private final List<String> progress = new ArrayList<>();
    private Deployer deployer;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestGitRepo.create(tmp.resolve("remote"));
        repo.write("net.network", "[Network]\n")
                .write("web/web.container", "[Container]\nImage=localhost/x\nNetwork=net.network\nEnvironmentFile=./web.env\n")
                .write("web/web.env", "A=1\n")
                .write("db.container", "[Container]\nImage=localhost/db\n");
        repo.commit("first");
        layout = new HostLayout(false, tmp.resolve("state"), tmp.resolve("quadlets/berth"), tmp.resolve("units"), tmp.resolve("run"));
        store = new StateStore(layout.stateDir());
        deployer = new Deployer(layout, store, systemd, new CheckedRepositoryLoader(), progress::add, Clock.systemUTC(), Duration.ZERO);
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private BerthConfig config() {
        return new BerthConfig(repo.url(), null, "", 60, null, null, null);
    }

    @Test
    void initInstallsEveryFileAndStartsUnitsDependenciesFirst() throws Exception {
        SyncOutcome out = deployer.init(config());

        assertThat(out.ok()).isTrue();
        assertThat(layout.quadletDir().resolve("web/web.container")).exists();
        assertThat(layout.quadletDir().resolve("web/web.env")).hasContent("A=1");
        List<String> calls = systemd.takeCalls();
        assertThat(calls).first().isEqualTo("daemon-reload");
        assertThat(calls).containsSubsequence("start net-network.service", "start web.service");
        assertThat(calls).contains("start db.service");
        AppliedState applied = store.applied();
        assertThat(applied.commit()).isEqualTo(out.commit());
        assertThat(applied.units()).containsOnlyKeys("net.network", "web.container", "db.container");
        assertThat(store.history()).hasSize(1);
    }

    @Test
    void initAsksTheRemoteOnceAndASyncFetches() throws Exception {
        deployer.init(config());
        assertThat(progress).as("init: the clone, no fetch right after it").filteredOn(s -> s.startsWith("clone ")).hasSize(1);
        assertThat(progress).noneMatch(s -> s.startsWith("fetch "));
        progress.clear();
        String next = repo.write("db.container", "[Container]\nImage=localhost/db2\n").commit("db changes");
        assertThat(deployer.run(SyncOptions.apply(DeploymentReason.SYNC)).commit()).isEqualTo(next);
        assertThat(progress).filteredOn(s -> s.startsWith("fetch ")).hasSize(1);
    }

    @Test
    void eachUnitIsRecordedWithItsDependenciesAndOldStateLearnsThemAtTheNextApply() throws Exception {
        deployer.init(config());
        assertThat(store.applied().units().get("web.container").dependsOn()).containsExactly("net.network");
        assertThat(store.applied().units().get("db.container").dependsOn()).isEmpty();

        // as a Berth from before dependencies were recorded left it
        java.util.Map<String, dev.berth.state.AppliedUnit> old = new java.util.HashMap<>();
        store.applied().units().forEach((name, u) -> old.put(name, u.withDependsOn(null)));
        AppliedState before = store.applied();
        store.saveApplied(new AppliedState(before.commit(), before.files(), old));
        repo.write("db.container", "[Container]\nImage=localhost/db2\n").commit("only db changes");
        systemd.takeCalls();

        assertThat(deployer.run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();

        assertThat(systemd.takeCalls()).as("web is left alone").noneMatch(c -> c.contains("web.service"));
        assertThat(store.applied().units().get("web.container").dependsOn()).containsExactly("net.network");
        assertThat(store.applied().units().get("net.network").dependsOn()).isEmpty();
    }

    @Test
    void aSecondSyncWithNothingNewTouchesNothing() throws Exception {
        deployer.init(config());
        systemd.takeCalls();

        SyncOutcome out = deployer.run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.ok()).isTrue();
        assertThat(out.changed()).isFalse();
        assertThat(systemd.takeCalls()).isEmpty();
    }

    @Test
    void aChangedSupportingFileRestartsExactlyTheUnitUsingIt() throws Exception {
        deployer.init(config());
        systemd.takeCalls();
        repo.write("web/web.env", "A=2\n");
        repo.commit("bump env");

        deployer.run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(systemd.takeCalls()).containsExactly("stop --no-block web.service", "daemon-reload", "restart web.service");
        assertThat(layout.quadletDir().resolve("web/web.env")).hasContent("A=2");
    }

    @Test
    void aRemovedUnitIsStoppedAndItsFilesDeleted() throws Exception {
        deployer.init(config());
        systemd.takeCalls();
        repo.delete("db.container");
        repo.commit("drop db");

        deployer.run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(systemd.takeCalls()).containsExactly("stop db.service", "daemon-reload", "reset-failed db.service");
        assertThat(layout.quadletDir().resolve("db.container")).doesNotExist();
        assertThat(store.applied().units()).doesNotContainKey("db.container");
    }

    @Test
    void aFailingUnitLeavesTheCommitUnrecordedAndIsRetriedNextSync() throws Exception {
        systemd.failing.add("db.service");
        SyncOutcome first = deployer.init(config());

        assertThat(first.ok()).isFalse();
        assertThat(first.report().failedUnits()).singleElement()
                .satisfies(f -> assertThat(f.journal()).containsExactly("journal line of db.service"));
        assertThat(store.applied().commit()).isNull();
        assertThat(store.applied().units()).containsOnlyKeys("net.network", "web.container");
        assertThat(store.lastSync()).get().extracting(SyncReport::result).isEqualTo(SyncResult.FAILED);

        systemd.failing.clear();
        systemd.takeCalls();
        SyncOutcome retry = deployer.run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(retry.ok()).isTrue();
        // reloads first: the commit is not recorded yet, a run killed before its reload may have written files
        assertThat(systemd.takeCalls()).containsExactly("daemon-reload", "start db.service");
        assertThat(store.applied().commit()).isEqualTo(first.commit());
    }

    @Test
    void aUnitStillStoppingAfterItsRunFailedCountsAsFailedWhenLookedAtAgain() throws Exception {
        // seen with rootless Podman on a loaded host: the container exited 3 a second after its start job
        // succeeded, and systemd was still removing it (ExecStopPost=) when Berth looked again
        systemd.failingLater.put("db.service", new dev.berth.host.UnitStatus("deactivating", "stop-post", "exit-code", "loaded"));

        SyncOutcome out = deployer.init(config());

        assertThat(out.ok()).isFalse();
        assertThat(out.report().failedUnits()).singleElement().extracting(dev.berth.state.UnitFailure::message)
                .isEqualTo("db.service failed right after it started (exit-code)");
        assertThat(store.applied().commit()).isNull();
    }

    @Test
    void anInvalidCommitIsNeverAppliedAndTheErrorNamesFileAndLine() throws Exception {
        deployer.init(config());
        String good = store.applied().commit();
        systemd.takeCalls();
        repo.write("web/web.container", "[Container]\nImage=localhost/x\nNetwork=missing.network\n");
        repo.write("db.container", "[Container]\nImage=localhost/db2\n");
        repo.commit("broken");

        SyncOutcome out = deployer.run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.ok()).isFalse();
        assertThat(out.report().error()).contains("web/web.container:3").contains("missing.network");
        assertThat(systemd.takeCalls()).isEmpty();
        assertThat(store.applied().commit()).isEqualTo(good);
        assertThat(layout.quadletDir().resolve("db.container")).content().contains("localhost/db\n");
    }

    @Test
    void aDryRunChangesNothingAndCallsNoSystemctl() throws Exception {
        deployer.init(config());
        systemd.takeCalls();
        repo.write("db.container", "[Container]\nImage=localhost/db2\n");
        repo.commit("new db image");

        SyncOutcome out = deployer.run(SyncOptions.dryRun(DeploymentReason.DRY_RUN));

        assertThat(out.plan().actions()).extracting(a -> a.type() + " " + a.subject())
                .contains("WRITE_FILE quadlet/db.container", "RESTART db.service");
        assertThat(systemd.takeCalls()).isEmpty();
        assertThat(layout.quadletDir().resolve("db.container")).content().contains("localhost/db\n");
    }

    @Test
    void aUnitSeenUpByALookAskedAfterItsSettleWindowIsNotLookedAtAgain() throws Exception {
        deployer.init(config());
        systemd.takeCalls();
        repo.write("db.container", "[Container]\nImage=localhost/db2\n").commit("db2");
        systemd.looks.set(0);

        assertThat(deployer.run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();

        // one look when its start job ended, one after its (here empty) settle window: that one is the verdict
        assertThat(systemd.looks.get()).isEqualTo(2);
    }

    @Test
    void driftOnTheHostIsRepairedAndTheUnitRestarted() throws Exception {
        deployer.init(config());
        systemd.takeCalls();
        Files.writeString(layout.quadletDir().resolve("db.container"), "[Container]\nImage=tampered\n");

        SyncOutcome out = deployer.run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.report().driftRepaired()).containsExactly("quadlet/db.container");
        assertThat(layout.quadletDir().resolve("db.container")).content().contains("localhost/db");
        assertThat(systemd.takeCalls()).containsExactly("stop --no-block db.service", "daemon-reload", "restart db.service");
    }

    @Test
    void aFileBerthDidNotWriteIsNeverOverwritten() throws Exception {
        Files.createDirectories(layout.quadletDir());
        Files.writeString(layout.quadletDir().resolve("db.container"), "[Container]\nImage=someone-elses\n");

        SyncOutcome out = deployer.init(config());

        assertThat(out.ok()).isFalse();
        assertThat(out.report().error()).contains("refusing to overwrite").contains("db.container");
        assertThat(layout.quadletDir().resolve("db.container")).content().contains("someone-elses");
        assertThat(systemd.takeCalls()).isEmpty();
    }

    @Test
    void rollbackPinsTheHostUntilANewCommitArrives() throws Exception {
        String first = deployer.init(config()).commit();
        repo.write("db.container", "[Container]\nImage=localhost/db2\n");
        String second = repo.commit("second");
        deployer.run(SyncOptions.apply(DeploymentReason.SYNC));

        SyncOutcome back = deployer.rollback(null);
        assertThat(back.commit()).isEqualTo(first);
        assertThat(back.pinned()).isTrue();
        assertThat(deployer.run(SyncOptions.apply(DeploymentReason.SYNC)).commit()).as("still pinned").isEqualTo(first);

        repo.write("db.container", "[Container]\nImage=localhost/db3\n");
        String third = repo.commit("third");
        SyncOutcome next = deployer.run(SyncOptions.apply(DeploymentReason.SYNC));
        assertThat(next.commit()).isEqualTo(third).isNotEqualTo(second);
        assertThat(store.config().pinnedCommit()).isNull();
    }

    @Test
    void berthsOwnUnitIsEnabledLikeAnyUnitWithAnInstallSectionAndRestartedLast() throws Exception {
        repo.write("berth.service", "[Service]\nExecStart=/opt/berth/berth run\n[Install]\nWantedBy=default.target\n"
                + "[X-Berth]\nSelf=true\n").commit("berth manages itself");

        assertThat(deployer.init(config()).ok()).isTrue();

        // enabled, or the daemon does not come back after a reboot (a rootless one: when the user manager starts)
        List<String> calls = systemd.takeCalls();
        assertThat(calls).containsSubsequence("enable berth.service", "restart --no-block berth.service")
                .doesNotContain("start berth.service", "restart berth.service");
        assertThat(calls).last().as("restarted last").isEqualTo("restart --no-block berth.service");
    }

    @Test
    void initTwiceIsRefusedWithWhatToDo() throws Exception {
        deployer.init(config());
        assertThatThrownBy(() -> deployer.init(config())).hasMessageContaining("berth switch");
    }
}

package dev.berth.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.apply.HealthGate;
import dev.berth.apply.RecordingSystemd;
import dev.berth.apply.SyncOutcome;
import dev.berth.build.BuildStep;
import dev.berth.desired.CheckedRepositoryLoader;
import dev.berth.git.TestGitRepo;
import dev.berth.host.FileStamp;
import dev.berth.host.HostLayout;
import dev.berth.plan.PlanMemory;
import dev.berth.plan.Planning;
import dev.berth.secret.SecretStep;
import dev.berth.state.BerthConfig;
import dev.berth.state.DeploymentReason;
import dev.berth.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-lived Berth (the daemon) makes a new deployer for every sync but keeps one state store, one memory of plans
 * and one repository reader: a sync is then planned from the last plan where the host state is still the one it was
 * made against, and its plan is the full plan's. Once the files are settled, the state store and the files on disk
 * come back as the very objects of the last plan; before, they are read anew and compared.
 */
class FollowedPlanTest {
    @TempDir
    Path tmp;

    private TestGitRepo repo;
    private HostLayout layout;
    private StateStore store;
    private final RecordingSystemd systemd = new RecordingSystemd();
    private final PlanMemory plans = new PlanMemory();
    private final CheckedRepositoryLoader reader = new CheckedRepositoryLoader(); // hands unchanged units over as the same objects

    @BeforeEach
    void setUp() throws Exception {
        repo = TestGitRepo.create(tmp.resolve("remote"));
        for (String app : new String[] {"web", "api", "db"}) {
            repo.write(app + "/" + app + ".container", "[Container]\nImage=localhost/" + app + "\nEnvironmentFile=./" + app + ".env\n")
                    .write(app + "/" + app + ".env", "V=1\n");
        }
        repo.commit("first");
        layout = new HostLayout(false, tmp.resolve("state"), tmp.resolve("quadlets/berth"), tmp.resolve("units"), tmp.resolve("run"));
        store = new StateStore(layout.stateDir());
        daemonsDeployer().init(new BerthConfig(repo.url(), null, "", 60, null, null, null));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    /** As the daemon's Berth makes one for each sync. */
    private Deployer daemonsDeployer() {
        return deployer(reader, plans);
    }

    private Deployer deployer(CheckedRepositoryLoader loader, PlanMemory memory) {
        return new Deployer(new Parts(layout, store, systemd, loader, message -> { },
                Clock.systemUTC(), Duration.ZERO, BuildStep.NONE, HealthGate.NONE, SecretStep.NONE, memory), Pipeline.standard());
    }

    /** What a plan of everything says now: a dry run with a reader and a memory of its own. */
    private dev.berth.plan.Plan fullPlan() throws Exception {
        return deployer(new CheckedRepositoryLoader(), new PlanMemory()).run(new SyncOptions(SyncOptions.Mode.DRY_RUN,
                SyncOptions.Pin.KEEP, SyncOptions.OnFailure.ROLL_BACK, DeploymentReason.DRY_RUN)).plan();
    }

    private SyncOutcome sync() throws Exception {
        return daemonsDeployer().run(SyncOptions.apply(DeploymentReason.SYNC));
    }

    @Test
    void aCommitAfterATimedSyncIsPlannedFromItsPlan() throws Exception {
        assertThat(sync().changed()).as("a timed sync, nothing new").isFalse();
        assertThat(plans.lastKind()).as("the host state init left is new to the memory").isEqualTo(Planning.Kind.FULL);
        assertThat(sync().changed()).isFalse();
        assertThat(plans.lastKind()).as("the same host state, read anew").isEqualTo(Planning.Kind.CHANGED_UNITS);
        assertThat(plans.lastHandOver()).as("written just now, so read anew and compared").isEqualTo(PlanMemory.HandOver.EQUAL);

        repo.write("web/web.env", "V=2\n");
        repo.commit("web's env");
        dev.berth.plan.Plan expected = fullPlan();
        SyncOutcome synced = sync();

        assertThat(plans.lastKind()).isEqualTo(Planning.Kind.CHANGED_UNITS);
        assertThat(synced.plan()).isEqualTo(expected).isNotEqualTo(new dev.berth.plan.Plan(java.util.List.of()));
        assertThat(synced.changed()).isTrue();
        assertThat(Files.readString(layout.quadletDir().resolve("web/web.env"))).isEqualTo("V=2\n");
        assertThat(synced.plan().actions().stream().filter(a -> a.type() == dev.berth.plan.ActionType.RESTART).map(a -> a.subject()))
                .containsExactly("web.service");
    }

    @Test
    void aFileChangedOnDiskSinceTheLastPlanIsPlannedInFull() throws Exception {
        sync();
        sync();
        Files.writeString(layout.quadletDir().resolve("api/api.env"), "V=edited by hand\n");
        dev.berth.plan.Plan expected = fullPlan();

        SyncOutcome repaired = sync();

        assertThat(plans.lastKind()).isEqualTo(Planning.Kind.FULL);
        assertThat(repaired.plan()).isEqualTo(expected);
        assertThat(repaired.changed()).as("the drift is repaired").isTrue();
        assertThat(Files.readString(layout.quadletDir().resolve("api/api.env"))).isEqualTo("V=1\n");
    }

    @Test
    void onceTheFilesSettledATimedSyncGetsTheLastPlansVeryObjects() throws Exception {
        sync();
        awaitSettled(); // the files the first sync wrote could still change unseen within the racy window
        sync();
        assertThat(plans.lastHandOver()).as("read settled for the first time: remembered from now on").isEqualTo(PlanMemory.HandOver.EQUAL);

        assertThat(sync().changed()).isFalse();

        assertThat(plans.lastHandOver()).as("the state store's and the files on disk's last objects").isEqualTo(PlanMemory.HandOver.SAME);
        assertThat(plans.lastKind()).isEqualTo(Planning.Kind.CHANGED_UNITS);
        repo.write("api/api.env", "V=2\n");
        repo.commit("api's env");
        dev.berth.plan.Plan expected = fullPlan();
        SyncOutcome synced = sync();
        assertThat(plans.lastHandOver()).isEqualTo(PlanMemory.HandOver.SAME);
        assertThat(plans.lastKind()).isEqualTo(Planning.Kind.CHANGED_UNITS);
        assertThat(synced.plan()).isEqualTo(expected);
        assertThat(Files.readString(layout.quadletDir().resolve("api/api.env"))).isEqualTo("V=2\n");

        sync();
        assertThat(plans.lastHandOver()).as("after a deployment: another applied state").isEqualTo(PlanMemory.HandOver.OTHER);
    }

    /** Waits until every file of the state folder and every installed file was last written more than 2 s ago. */
    private void awaitSettled() throws Exception {
        List<FileStamp> stamps = new ArrayList<>();
        for (Path folder : List.of(layout.stateDir(), layout.quadletDir())) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.map(FileStamp::of).flatMap(Optional::stream).forEach(stamps::add);
            }
        }
        assertThat(stamps).isNotEmpty();
        while (!stamps.stream().allMatch(stamp -> stamp.settledAt(Instant.now()))) {
            Thread.sleep(50);
        }
    }
}

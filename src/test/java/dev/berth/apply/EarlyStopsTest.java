package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.desired.CheckedRepositoryLoader;
import dev.berth.git.TestGitRepo;
import dev.berth.host.HostLayout;
import dev.berth.pipeline.Deployer;
import dev.berth.pipeline.SyncOptions;
import dev.berth.state.BerthConfig;
import dev.berth.state.DeploymentReason;
import dev.berth.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which restarts get their stop queued before the daemon-reload (see {@link EarlyStops}), and that the restart
 * itself still follows the reload. That systemd then runs the new definition is shown on the real host (ConvergeIT).
 */
class EarlyStopsTest {
    @TempDir
    Path tmp;

    private TestGitRepo repo;
    private final RecordingSystemd systemd = new RecordingSystemd();
    private final List<String> progress = new ArrayList<>();
    private Deployer deployer;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestGitRepo.create(tmp.resolve("remote"));
        repo.write("web.container", "[Container]\nImage=localhost/web\n")
                .write("db.container", "[Container]\nImage=localhost/db\n")
                .write("job.timer", "[Timer]\nOnCalendar=daily\n[Install]\nWantedBy=timers.target\n")
                .write("job.service", "[Service]\nExecStart=/bin/true\n")
                .write("berth.service", "[Service]\nExecStart=/opt/berth/berth run\n[X-Berth]\nSelf=true\n");
        repo.commit("first");
        HostLayout layout = new HostLayout(false, tmp.resolve("state"), tmp.resolve("quadlets/berth"), tmp.resolve("units"),
                tmp.resolve("run"));
        deployer = new Deployer(layout, new StateStore(layout.stateDir()), systemd, new CheckedRepositoryLoader(), progress::add,
                Clock.systemUTC(), Duration.ZERO);
        deployer.init(new BerthConfig(repo.url(), null, "", 60, null, null, null));
        systemd.takeCalls();
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void theStopOfEachChangedServiceIsQueuedBeforeTheReloadAndItsRestartFollowsTheReload() throws Exception {
        repo.write("web.container", "[Container]\nImage=localhost/web2\n")
                .write("db.container", "[Container]\nImage=localhost/db2\n").commit("both");

        assertThat(deployer.run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();

        List<String> calls = systemd.takeCalls();
        assertThat(calls.subList(0, 3)).containsExactlyInAnyOrder("stop --no-block web.service", "stop --no-block db.service",
                "daemon-reload");
        assertThat(calls.get(2)).isEqualTo("daemon-reload");
        assertThat(calls.subList(3, calls.size())).containsExactlyInAnyOrder("restart web.service", "restart db.service");
        assertThat(progress).anyMatch(l -> l.startsWith("stop web.service  (queued"));
    }

    @Test
    void aUnitStoppedEarlyIsRestartedByTheNextPlanEvenOneForTheDefinitionItRanBefore() throws Exception {
        systemd.reloadFails = true;
        repo.write("db.container", "[Container]\nImage=localhost/db2\n").commit("db2");
        assertThat(deployer.run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isFalse();
        assertThat(systemd.takeCalls()).containsExactly("stop --no-block db.service", "daemon-reload");

        // the commit is taken back: db's definition is the one it ran, but it was stopped, so it must come up again
        systemd.reloadFails = false;
        repo.write("db.container", "[Container]\nImage=localhost/db\n").commit("back to db");
        assertThat(deployer.run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();
        assertThat(systemd.takeCalls()).contains("daemon-reload", "restart db.service");
    }

    @Test
    void aServiceOtherUnitsDependOnIsRestartedWholeAfterTheReload() throws Exception {
        systemd.dependedOn.add("db.service"); // a stop would reach them, and the start would not bring them back
        repo.write("db.container", "[Container]\nImage=localhost/db2\n").commit("db");

        deployer.run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(systemd.takeCalls()).containsExactly("daemon-reload", "restart db.service");
    }

    @Test
    void berthsOwnUnitAndUnitsThatAreNotServicesAreNotStoppedEarly() throws Exception {
        repo.write("berth.service", "[Service]\nExecStart=/opt/berth/berth run --interval 2m\n[X-Berth]\nSelf=true\n")
                .write("job.timer", "[Timer]\nOnCalendar=hourly\n[Install]\nWantedBy=timers.target\n").commit("self and timer");

        deployer.run(SyncOptions.apply(DeploymentReason.SYNC));

        List<String> calls = systemd.takeCalls();
        assertThat(calls).noneMatch(c -> c.startsWith("stop"));
        assertThat(calls).contains("daemon-reload", "restart job.timer", "restart --no-block berth.service");
    }
}

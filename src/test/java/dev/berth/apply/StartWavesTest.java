package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.desired.CheckedRepositoryLoader;
import dev.berth.git.TestGitRepo;
import dev.berth.host.HostException;
import dev.berth.host.HostLayout;
import dev.berth.host.Systemd;
import dev.berth.host.UnitStatus;
import dev.berth.pipeline.Deployer;
import dev.berth.repo.RepoUnit;
import dev.berth.state.BerthConfig;
import dev.berth.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Units that do not depend on each other start together, a unit starts only after what it depends on, and a health answer ends the wait. */
class StartWavesTest {
    @TempDir
    Path tmp;

    private TestGitRepo repo;
    private HostLayout layout;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    /** Every start waits, up to 5 s, until this many starts have begun. */
    private CountDownLatch begun = new CountDownLatch(0);

    @BeforeEach
    void setUp() throws Exception {
        repo = TestGitRepo.create(tmp.resolve("remote"));
        layout = new HostLayout(false, tmp.resolve("state"), tmp.resolve("quadlets/berth"), tmp.resolve("units"), tmp.resolve("run"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private SyncOutcome init(Duration settle, HealthGate health) throws Exception {
        Deployer deployer = new Deployer(layout, new StateStore(layout.stateDir()), new Starting(), new CheckedRepositoryLoader(),
                s -> { }, Clock.systemUTC(), settle, dev.berth.build.BuildStep.NONE, health);
        return deployer.init(new BerthConfig(repo.url(), null, "", 60, null, null, null));
    }

    @Test
    void unitsThatDoNotDependOnEachOtherAreStartedTogether() throws Exception {
        repo.write("a.container", "[Container]\nImage=localhost/a\n").write("b.container", "[Container]\nImage=localhost/b\n")
                .write("c.container", "[Container]\nImage=localhost/c\n").commit("three");
        begun = new CountDownLatch(3); // one after the other, the first start would wait for the others in vain

        SyncOutcome out = init(Duration.ZERO, HealthGate.NONE);

        assertThat(out.ok()).as("%s", out.report()).isTrue();
        assertThat(events).filteredOn(e -> e.startsWith("begin")).hasSize(3);
    }

    @Test
    void aUnitStartsOnlyOnceWhatItDependsOnHasStarted() throws Exception {
        repo.write("net.network", "[Network]\n").write("web.container", "[Container]\nImage=localhost/x\nNetwork=net.network\n")
                .write("db.container", "[Container]\nImage=localhost/db\n").commit("web needs net");

        SyncOutcome out = init(Duration.ZERO, HealthGate.NONE);

        assertThat(out.ok()).as("%s", out.report()).isTrue();
        assertThat(events.indexOf("end net-network.service")).isNotNegative().isLessThan(events.indexOf("begin web.service"));
        assertThat(events.indexOf("begin db.service")).as("db depends on nothing: started with the network")
                .isLessThan(events.indexOf("begin web.service"));
    }

    @Test
    void aPassedHealthCheckOrNotifyHealthyEndsTheWaitAtOnceWhileOtherUnitsAreWatched() throws Exception {
        repo.write("checked.container", "[Container]\nImage=localhost/a\nHealthCmd=true\n")
                .write("notify.container", "[Container]\nImage=localhost/b\nNotify=healthy\n").commit("both answer");
        HealthGate passes = new HealthGate() {
            @Override
            public Optional<String> awaitHealthy(RepoUnit unit) {
                return Optional.empty();
            }

            @Override
            public boolean checks(RepoUnit unit) {
                return unit.fileName().equals("checked.container");
            }
        };
        long t0 = System.nanoTime();
        assertThat(init(Duration.ofSeconds(30), passes).ok()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("no settle window of 30 s").isLessThan(Duration.ofSeconds(20));

        repo.write("plain.container", "[Container]\nImage=localhost/c\n").commit("one with no answer but systemd's");
        t0 = System.nanoTime();
        SyncOutcome out = new Deployer(layout, new StateStore(layout.stateDir()), new Starting(), new CheckedRepositoryLoader(),
                s -> { }, Clock.systemUTC(), Duration.ofMillis(600), dev.berth.build.BuildStep.NONE, passes)
                .run(dev.berth.pipeline.SyncOptions.apply(dev.berth.state.DeploymentReason.SYNC));
        assertThat(out.ok()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("plain.container watched for its settle window")
                .isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(events).as("looked at after its start, polled in its window, and a last look")
                .filteredOn(e -> e.startsWith("look") && e.contains("plain.service")).hasSizeGreaterThanOrEqualTo(4);
    }

    /** Records when each start begins and ends; a start waits for {@link #begun}. Every started unit is active. */
    private final class Starting implements Systemd {
        @Override
        public void start(String unit, Duration timeout) throws HostException {
            events.add("begin " + unit);
            begun.countDown();
            try {
                if (!begun.await(5, TimeUnit.SECONDS)) {
                    throw new HostException(unit + " was started alone: the other starts never began");
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new HostException("interrupted");
            }
            events.add("end " + unit);
        }

        @Override
        public Map<String, UnitStatus> statuses(List<String> units) {
            events.add("look " + units);
            return Systemd.super.statuses(units);
        }

        @Override
        public UnitStatus status(String unit) {
            return new UnitStatus("active", "running", "success", "loaded");
        }

        @Override public void daemonReload() { }
        @Override public void restart(String unit, Duration timeout) throws HostException { start(unit, timeout); }
        @Override public void stop(String unit, Duration timeout) { }
        @Override public void enable(String unit) { }
        @Override public void disable(String unit) { }
        @Override public void resetFailed(String unit) { }
        @Override public void restartNoBlock(String unit) { }
        @Override public Optional<String> unitText(String unit) { return Optional.empty(); }
        @Override public List<String> journal(String unit, int lines) { return List.of(); }
    }
}

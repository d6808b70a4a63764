package dev.berth.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.host.UnitStatus;
import dev.berth.status.HealthSnapshot.Unit;
import dev.berth.status.HealthSnapshot.Way;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Podman's health is given again only for a unit systemd shows in the same run and state, and of a kind it cannot move. */
class HealthSnapshotTest {
    private static final Unit WEB = new Unit("web.container", "web.service");
    private static final Unit NET = new Unit("app.network", "app-network.service");
    private static final List<Unit> UNITS = List.of(WEB, NET);
    private static final UnitStatus RUNNING = new UnitStatus("active", "running", "success", "loaded", "inv-1");
    private static final UnitStatus NETWORK_DONE = new UnitStatus("active", "exited", "success", "loaded", "inv-n");

    private final AtomicLong clock = new AtomicLong();
    private final HealthSnapshot snapshot = new HealthSnapshot(clock::get, "inv-berth");

    private static Map<String, UnitStatus> states(UnitStatus web) {
        return Map.of("web.service", web, "app-network.service", NETWORK_DONE);
    }

    private static Map<String, String> health(String web) {
        Map<String, String> h = new HashMap<>();
        if (web != null) {
            h.put("web.service", web);
        }
        return h;
    }

    /** Two answers: one alongside systemd (not kept), then one after systemd (kept). */
    private void learn(UnitStatus web, String health) {
        snapshot.remember(UNITS, states(web), health(health), false);
        assertThat(snapshot.way(UNITS)).isEqualTo(Way.AFTER_SYSTEMD);
        assertThat(snapshot.reused(UNITS, states(web))).as("asked alongside systemd: not kept").isEmpty();
        snapshot.remember(UNITS, states(web), health(health), true);
    }

    @Test
    void aRunningContainerWithoutHealthCheckIsAnsweredAgainWhileItsRunLasts() {
        assertThat(snapshot.way(UNITS)).as("nothing seen yet").isEqualTo(Way.ALONGSIDE);
        learn(RUNNING, "no healthcheck");
        assertThat(snapshot.reused(UNITS, states(RUNNING))).contains(Map.of("web.service", "no healthcheck"));
    }

    @Test
    void aStopARestartOrAStartingUnitIsAskedAgain() {
        learn(RUNNING, "no healthcheck");
        assertThat(snapshot.reused(UNITS, states(new UnitStatus("inactive", "dead", "success", "loaded", "inv-1"))))
                .as("stopped").isEmpty();
        assertThat(snapshot.reused(UNITS, states(new UnitStatus("active", "running", "success", "loaded", "inv-2"))))
                .as("restarted: another run, maybe another container").isEmpty();
        assertThat(snapshot.reused(UNITS, states(new UnitStatus("activating", "start", "success", "loaded", "inv-1"))))
                .as("not settled").isEmpty();
        assertThat(snapshot.reused(UNITS, Map.of("web.service", RUNNING))).as("a unit systemd did not answer for").isEmpty();
    }

    @Test
    void aHealthCheckMovesWithoutSystemdSoItIsAlwaysAskedAlongside() {
        for (String health : List.of("healthy", "unhealthy", "starting")) {
            snapshot.remember(UNITS, states(RUNNING), health(health), true);
            assertThat(snapshot.reused(UNITS, states(RUNNING))).as(health).isEmpty();
            assertThat(snapshot.way(UNITS)).as(health).isEqualTo(Way.ALONGSIDE);
        }
    }

    @Test
    void anActiveContainerUnitWithoutAContainerSeenIsAskedAgain() {
        learn(RUNNING, null);
        assertThat(snapshot.reused(UNITS, states(RUNNING))).isEmpty();
    }

    @Test
    void aStoppedContainerUnitAndUnitsThatRunNoContainerAreAnsweredAgain() {
        UnitStatus failed = new UnitStatus("failed", "failed", "exit-code", "loaded", "inv-1");
        learn(failed, null);
        assertThat(snapshot.reused(UNITS, states(failed))).contains(Map.of());
    }

    @Test
    void aServiceMayStartContainersWheneverItLikesUnlessItIsThisProcess() {
        List<Unit> units = List.of(new Unit("job.service", "job.service"));
        Map<String, UnitStatus> states = Map.of("job.service", RUNNING);
        snapshot.remember(units, states, Map.of(), true);
        assertThat(snapshot.reused(units, states)).isEmpty();

        List<Unit> berth = List.of(new Unit("berth.service", "berth.service"));
        Map<String, UnitStatus> daemon = Map.of("berth.service", new UnitStatus("active", "running", "success", "loaded", "inv-berth"));
        snapshot.remember(berth, daemon, Map.of(), true);
        assertThat(snapshot.reused(berth, daemon)).contains(Map.of());
        HealthSnapshot notRunBySystemd = new HealthSnapshot(clock::get, null);
        notRunBySystemd.remember(berth, daemon, Map.of(), true);
        assertThat(notRunBySystemd.reused(berth, daemon)).isEmpty();
    }

    @Test
    void aNewUnitOrAnOldAnswerIsAskedAgain() {
        learn(RUNNING, "no healthcheck");
        Unit added = new Unit("db.container", "db.service");
        assertThat(snapshot.way(List.of(WEB, NET, added))).isEqualTo(Way.ALONGSIDE);
        clock.addAndGet(HealthSnapshot.MAX_AGE_NANOS + 1);
        assertThat(snapshot.reused(UNITS, states(RUNNING))).isEmpty();
    }

    @Test
    void withoutInvocationIdsARunningUnitIsAlwaysAskedAgain() {
        UnitStatus noId = new UnitStatus("active", "running", "success", "loaded");
        learn(noId, "no healthcheck");
        assertThat(snapshot.reused(UNITS, states(noId))).isEmpty();
    }
}

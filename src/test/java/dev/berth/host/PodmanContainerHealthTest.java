package dev.berth.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Status shows each unit's container health as text, and none when Podman cannot say. */
class PodmanContainerHealthTest {

    private static PodmanHealthChecks answering(Map<String, ContainerHealthState> health, HostException failure) {
        return new PodmanHealthChecks() {
            @Override
            public Optional<String> runningContainerOf(String systemdUnit) {
                throw new AssertionError("status reads health, it runs no check");
            }

            @Override
            public HealthCheckRun runHealthCheck(String containerId) {
                throw new AssertionError("status reads health, it runs no check");
            }

            @Override
            public Map<String, ContainerHealthState> healthBySystemdUnit() throws HostException {
                if (failure != null) {
                    throw failure;
                }
                return health;
            }
        };
    }

    @Test
    void healthIsShownAsText() {
        Map<String, ContainerHealthState> health = new HashMap<>();
        health.put("a.service", ContainerHealthState.HEALTHY);
        health.put("b.service", ContainerHealthState.NO_HEALTHCHECK);
        assertThat(new PodmanContainerHealth(answering(health, null)).bySystemdUnit())
                .isEqualTo(Map.of("a.service", "healthy", "b.service", "no healthcheck"));
    }

    @Test
    void aPodmanThatCannotSayGivesNoHealth() {
        assertThat(new PodmanContainerHealth(answering(Map.of(), new HostException("podman ps failed: cannot connect"))).bySystemdUnit())
                .isEmpty();
    }
}

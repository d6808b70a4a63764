package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.host.ContainerHealthState;
import dev.berth.host.HealthCheckRun;
import dev.berth.host.PodmanHealthChecks;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health gate's decisions, with Podman's answers scripted. Real Podman is in SafeDeliveryIT; the command lines in PodmanCliTest. */
class PodmanHealthGateTest {
    @TempDir
    Path tmp;

    /** Finds container {@code abc123} for any unit (unless told otherwise) and runs its check from a script. */
    private static final class ScriptedPodman implements PodmanHealthChecks {
        final Deque<Integer> healthExitCodes = new ArrayDeque<>();
        final List<String> commands = new ArrayList<>();
        boolean containerRuns = true;

        @Override
        public Optional<String> runningContainerOf(String systemdUnit) {
            commands.add("container of " + systemdUnit);
            return containerRuns ? Optional.of("abc123") : Optional.empty();
        }

        @Override
        public HealthCheckRun runHealthCheck(String containerId) {
            commands.add("healthcheck " + containerId);
            int code = healthExitCodes.isEmpty() ? 1 : healthExitCodes.poll();
            return new HealthCheckRun(code == 0, code, code == 0 ? " " : "unhealthy\n ");
        }

        @Override
        public Map<String, ContainerHealthState> healthBySystemdUnit() {
            throw new AssertionError("the gate runs the check itself; it does not read podman ps's health");
        }
    }

    private RepoUnit unit(String fileName, String content) throws Exception {
        Files.writeString(tmp.resolve(fileName), content);
        return RepositoryReader.read(tmp).desired().units().get(fileName);
    }

    @Test
    void aUnitWithoutHealthCheckPassesWithoutAskingPodman() throws Exception {
        ScriptedPodman podman = new ScriptedPodman();
        RepoUnit u = unit("web.container", "[Container]\nImage=localhost/x\n");
        assertThat(new PodmanHealthGate(podman, Duration.ZERO).awaitHealthy(u)).isEmpty();
        assertThat(podman.commands).isEmpty();
    }

    @Test
    void healthCmdNoneMeansNoCheck() throws Exception {
        ScriptedPodman podman = new ScriptedPodman();
        RepoUnit u = unit("web.container", "[Container]\nImage=localhost/x\nHealthCmd=none\n");
        assertThat(new PodmanHealthGate(podman, Duration.ZERO).awaitHealthy(u)).isEmpty();
        assertThat(podman.commands).isEmpty();
    }

    @Test
    void waitsUntilTheCheckPasses() throws Exception {
        ScriptedPodman podman = new ScriptedPodman();
        podman.healthExitCodes.addAll(List.of(1, 1, 0));
        RepoUnit u = unit("web.container", "[Container]\nImage=localhost/x\nHealthCmd=wget -q localhost:8080\n[X-Berth]\nHealthTimeout=10s\n");

        assertThat(new PodmanHealthGate(podman, Duration.ofMillis(10)).awaitHealthy(u)).isEmpty();
        assertThat(podman.commands).contains("container of web.service", "healthcheck abc123");
        assertThat(podman.commands.stream().filter(c -> c.contains("healthcheck"))).hasSize(3);
    }

    @Test
    void failsAfterTheUnitsHealthTimeoutSayingWhatTheCheckSaid() throws Exception {
        ScriptedPodman podman = new ScriptedPodman();
        RepoUnit u = unit("web.container", "[Container]\nImage=localhost/x\nHealthCmd=false\n[X-Berth]\nHealthTimeout=1s\n");

        long start = System.nanoTime();
        var result = new PodmanHealthGate(podman, Duration.ofMillis(50)).awaitHealthy(u);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        assertThat(result).get().asString().contains("web.service did not become healthy within 1 s")
                .contains("HealthCmd=false").contains("unhealthy");
    }

    @Test
    void aVanishedContainerIsNotHealthy() throws Exception {
        ScriptedPodman podman = new ScriptedPodman();
        podman.containerRuns = false;
        RepoUnit u = unit("web.container", "[Container]\nImage=localhost/x\nHealthCmd=true\n[X-Berth]\nHealthTimeout=1s\n");
        assertThat(new PodmanHealthGate(podman, Duration.ofMillis(50)).awaitHealthy(u)).get().asString()
                .contains("no running container");
    }
}

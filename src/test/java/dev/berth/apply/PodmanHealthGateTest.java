package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.host.ProcessResult;
import dev.berth.host.ProcessRunner;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health gate's decisions, with podman's answers scripted. Real Podman is in SafeDeliveryIT. */
class PodmanHealthGateTest {
    @TempDir
    Path tmp;

    /** Answers {@code podman ps} with a container id and {@code podman healthcheck run} from a script. */
    private static final class ScriptedPodman extends ProcessRunner {
        final Deque<Integer> healthExitCodes = new ArrayDeque<>();
        final List<String> commands = new ArrayList<>();
        boolean containerRuns = true;

        @Override
        public ProcessResult run(List<String> command, Duration timeout) {
            commands.add(String.join(" ", command));
            if (command.get(1).equals("ps")) {
                return new ProcessResult(0, containerRuns ? "abc123\n" : "", "", false);
            }
            int code = healthExitCodes.isEmpty() ? 1 : healthExitCodes.poll();
            return new ProcessResult(code, code == 0 ? "" : "unhealthy", "", false);
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
        assertThat(podman.commands).contains("podman ps -q --no-trunc --filter label=PODMAN_SYSTEMD_UNIT=web.service",
                "podman healthcheck run abc123");
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

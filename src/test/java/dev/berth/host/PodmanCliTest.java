package dev.berth.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exact podman command lines, time limits and messages behind each {@link Podman} operation. */
class PodmanCliTest {

    private record Call(List<String> command, byte[] stdin, Duration timeout) {
        String line() {
            return String.join(" ", command);
        }
    }

    /** Records each command and answers from a queue (exit 0 with no output when the queue is empty). */
    private static final class RecordingRunner extends ProcessRunner {
        final List<Call> calls = new ArrayList<>();
        final Deque<ProcessResult> answers = new ArrayDeque<>();

        @Override
        public ProcessResult run(List<String> command, byte[] stdin, Duration timeout) {
            calls.add(new Call(List.copyOf(command), stdin, timeout));
            return answers.isEmpty() ? ok("") : answers.poll();
        }

        Call only() {
            assertThat(calls).hasSize(1);
            return calls.get(0);
        }
    }

    private final RecordingRunner runner = new RecordingRunner();
    private final PodmanCli podman = new PodmanCli(runner);

    private static ProcessResult ok(String stdout) {
        return new ProcessResult(0, stdout, "", false);
    }

    private static ProcessResult failed(int exit, String stderr) {
        return new ProcessResult(exit, "", stderr, false);
    }

    @Test
    void aSecretValueGoesOnStdinOnly() throws Exception {
        podman.createSecret("db", "s3cret".getBytes(StandardCharsets.UTF_8));
        Call c = runner.only();
        assertThat(c.command()).containsExactly("podman", "secret", "create", "--replace", "db", "-");
        assertThat(new String(c.stdin(), StandardCharsets.UTF_8)).isEqualTo("s3cret");
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(60));

        runner.answers.add(failed(125, "no space left\n"));
        assertThatThrownBy(() -> podman.createSecret("db", new byte[0]))
                .hasMessage("podman could not create the secret 'db': no space left");
    }

    @Test
    void removingASecretAsksFirstAndAGoneOneIsNoError() throws Exception {
        runner.answers.add(failed(1, ""));
        podman.removeSecret("gone");
        assertThat(runner.only().command()).containsExactly("podman", "secret", "exists", "gone");

        runner.calls.clear();
        runner.answers.addAll(List.of(ok(""), failed(2, "in use by a container\n")));
        assertThatThrownBy(() -> podman.removeSecret("db")).hasMessage("podman could not remove the secret 'db': in use by a container");
        assertThat(runner.calls).extracting(Call::line).containsExactly("podman secret exists db", "podman secret rm db");
        assertThat(runner.calls).extracting(Call::timeout).containsOnly(Duration.ofSeconds(60));
    }

    @Test
    void theHealthGateFindsTheContainerByQuadletsLabelAndRunsItsCheck() {
        runner.answers.addAll(List.of(ok("\n  abc123  \ndef456\n"), new ProcessResult(1, "unhealthy", "oops", false)));
        assertThat(podman.runningContainerOf("web.service")).contains("abc123");
        assertThat(podman.runHealthCheck("abc123")).isEqualTo(new HealthCheckRun(false, 1, "unhealthy oops"));
        assertThat(runner.calls).extracting(Call::command).containsExactly(
                List.of("podman", "ps", "-q", "--no-trunc", "--filter", "label=PODMAN_SYSTEMD_UNIT=web.service"),
                List.of("podman", "healthcheck", "run", "abc123"));
        assertThat(runner.calls).extracting(Call::timeout).containsOnly(Duration.ofSeconds(30));

        runner.answers.add(failed(125, "cannot connect"));
        assertThat(podman.runningContainerOf("web.service")).isEmpty();
    }

    @Test
    void healthByUnitReadsTheStatusOfLabelledContainers() throws Exception {
        runner.answers.add(ok("""
                [{"Labels":{"PODMAN_SYSTEMD_UNIT":"a.service"},"Status":"Up 2 minutes (healthy)"},
                 {"Labels":{"PODMAN_SYSTEMD_UNIT":"b.service"},"Status":"Up 1 second (starting)"},
                 {"Labels":{"PODMAN_SYSTEMD_UNIT":"c.service"},"Status":"Up 5 minutes (unhealthy)"},
                 {"Labels":{"PODMAN_SYSTEMD_UNIT":"d.service"},"Status":"Up 5 minutes"},
                 {"Labels":{"other":"x"},"Status":"Up (healthy)"}]"""));
        assertThat(podman.healthBySystemdUnit()).isEqualTo(Map.of(
                "a.service", ContainerHealthState.HEALTHY, "b.service", ContainerHealthState.STARTING,
                "c.service", ContainerHealthState.UNHEALTHY, "d.service", ContainerHealthState.NO_HEALTHCHECK));
        Call c = runner.only();
        assertThat(c.command()).containsExactly("podman", "ps", "--format", "json");
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(20));

        runner.answers.add(failed(125, "cannot connect"));
        assertThatThrownBy(podman::healthBySystemdUnit).isInstanceOf(HostException.class).hasMessageContaining("cannot connect");
    }

    @Test
    void healthByUnitSkipsEverythingElseOfAContainerAsPodman5PrintsIt() throws Exception {
        // one container as podman 5.4 prints it (shortened values), members before and after the two that count
        String ps = """
                [
                  {
                    "AutoRemove": false,
                    "Command": ["busybox", "httpd", "-f"],
                    "Created": 1764600000,
                    "ExitCode": 0,
                    "Exited": false,
                    "Id": "7c8aeb376560",
                    "Image": "localhost:5000/busybox:test",
                    "Labels": {"io.containers.autoupdate": null, "PODMAN_SYSTEMD_UNIT": "ap-b.service", "n": 5},
                    "Mounts": [],
                    "Names": ["ap-b"],
                    "Namespaces": {},
                    "Networks": ["podman"],
                    "Pid": 2715,
                    "Ports": [{"host_ip": "127.0.0.1", "container_port": 8080, "host_port": 18411, "range": 1, "protocol": "tcp"}],
                    "Size": null,
                    "State": "running",
                    "Status": "Up 3 seconds (starting)",
                    "StartedAt": 1764600001
                  },
                  {"Labels": null, "Status": "Up 1 hour"},
                  {"Id": "no labels at all"}
                ]
                """;
        assertThat(PodmanCli.healthByUnit(ps)).isEqualTo(Map.of("ap-b.service", ContainerHealthState.STARTING));
        assertThat(PodmanCli.healthByUnit("")).isEmpty();
        assertThat(PodmanCli.healthByUnit("[]")).isEmpty();
        for (String notPs : List.of("{}", "[1, 2]", "[{\"Labels\": {}}", "not json")) {
            assertThatThrownBy(() -> PodmanCli.healthByUnit(notPs)).as(notPs).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void versionImagesAndVolumes() throws Exception {
        runner.answers.addAll(List.of(ok("{\"Client\":{\"Version\":\"5.4.2\"},\"Server\":{\"Version\":\"5.4.1\"}}"),
                ok("sha256:1111 sha256:2222\n"), failed(125, "image not known"),
                failed(1, "Error: no such volume x"), failed(2, "volume is being used")));
        assertThat(podman.clientVersion()).isEqualTo("5.4.2");
        assertThat(podman.inspectImage("localhost/app:1")).contains(new LocalImage("sha256:1111", "sha256:2222"));
        assertThat(podman.inspectImage("localhost/app:2")).isEmpty();
        podman.removeVolume("x");
        assertThatThrownBy(() -> podman.removeImage("localhost/app:1")).hasMessage("volume is being used");
        assertThat(runner.calls).extracting(Call::command).containsExactly(
                List.of("podman", "version", "--format", "json"),
                List.of("podman", "image", "inspect", "--format", "{{.Id}} {{.Digest}}", "localhost/app:1"),
                List.of("podman", "image", "inspect", "--format", "{{.Id}} {{.Digest}}", "localhost/app:2"),
                List.of("podman", "volume", "rm", "--force", "x"),
                List.of("podman", "rmi", "--force", "localhost/app:1"));
        assertThat(runner.calls).extracting(Call::timeout).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(2));

        runner.answers.add(failed(127, "cannot run podman: No such file"));
        assertThatThrownBy(podman::clientVersion)
                .hasMessage("cannot ask Podman for its version ('podman version --format json'): cannot run podman: No such file");
        runner.answers.add(ok("not json"));
        assertThatThrownBy(podman::clientVersion).hasMessageStartingWith("cannot read the output of 'podman version --format json': ");
    }

    @Test
    void theMcpToolsReadFixedSubcommandsWithNamesAfterTheEndOfOptions() throws Exception {
        runner.answers.addAll(List.of(ok(""), ok("[{\"Id\":\"1\"}]"), ok("[]"), ok("[]"), ok("[]"), ok("[]"), ok("[]"),
                new ProcessResult(0, "out1\nout2\n", "err1\n", false), ok("Trying to pull...\nsha256:abcd\n")));
        assertThat(podman.list(PodmanListing.CONTAINERS)).isEmpty();
        assertThat(podman.list(PodmanListing.IMAGES).get(0).path("Id").asText()).isEqualTo("1");
        podman.list(PodmanListing.VOLUMES);
        podman.list(PodmanListing.NETWORKS);
        podman.inspectContainer("-web");
        podman.stats(Optional.empty());
        podman.stats(Optional.of("-web"));
        assertThat(podman.logs("-web", 2)).containsExactly("out2", "err1");
        assertThat(podman.pull("-img")).isEqualTo("sha256:abcd");
        assertThat(runner.calls).extracting(Call::line).containsExactly(
                "podman ps --all --format json",
                "podman images --format json",
                "podman volume ls --format json",
                "podman network ls --format json",
                "podman container inspect -- -web",
                "podman stats --no-stream --format json",
                "podman stats --no-stream --format json -- -web",
                "podman logs --tail 2 -- -web",
                "podman pull --quiet -- -img");
        assertThat(runner.calls.subList(0, 8)).extracting(Call::timeout).containsOnly(Duration.ofSeconds(30));
        assertThat(runner.calls.get(8).timeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theMcpToolsFailuresSayWhichCommandAndWhy() {
        runner.answers.addAll(List.of(failed(125, "no such container x\n"), new ProcessResult(-1, "", "", true),
                ok("{not json"), failed(125, "no container with name x")));
        assertThatThrownBy(() -> podman.inspectContainer("x"))
                .hasMessage("podman container inspect -- x failed (exit 125): no such container x");
        assertThatThrownBy(() -> podman.pull("x")).hasMessage("podman pull did not finish within 300 s");
        assertThatThrownBy(() -> podman.list(PodmanListing.VOLUMES))
                .hasMessageStartingWith("podman volume ls --format json gave output that is not JSON: ");
        assertThatThrownBy(() -> podman.logs("x", 5)).hasMessage("podman logs x failed: no container with name x");
    }
}

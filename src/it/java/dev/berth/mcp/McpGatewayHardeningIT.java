package dev.berth.mcp;

import static dev.berth.mcp.McpDaemon.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.git.TestGitRepo;
import dev.berth.host.FileTrees;
import dev.berth.it.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 (downstream half) on the real test host, against the real daemon and its MCP endpoint: hostile
 * downstream servers (src/it/hostile-mcp/hostile.mjs, in containers declared by the repository) that page
 * tools/list forever with 1,500 tools a page, answer with 5 MiB, or refuse connections for a while; a stdio
 * server left idle; and containers that carry secrets every way podman records them. After every attack the
 * daemon is the same process, answers, and stays within its memory bounds.
 */
class McpGatewayHardeningIT {
    private static final int PORT = 18793;
    private static final String DAEMON = "berth-mcp-hardening-it";
    private static final String REPO = "/srv/share/mcp-hardening-it";
    private static final String LOCK_REPO = "/srv/share/mcp-hardening-lock";
    private static final String IMAGE = "localhost:5000/mcp-everything:test";
    private static final String SCRIPT = "/opt/berth/src/it/hostile-mcp/hostile.mjs";
    private static final String NO_CGROUPS = "/etc/containers/berth-it-hardening-no-cgroups.conf";
    private static final String SECRET_NAME = "berth-it-db-secret";
    private static final String PLAIN = "berth-it-plain-secrets";
    private static final List<String> SECRET_VALUES = List.of("hunter2-env-value", "label-secret-value",
            "annotation-secret-value", "podmanargs-secret-value", "secret-file-value", "plain-env-value", "plain-label-value",
            "plain-annotation-value");
    /** The launcher's -Xmx96m plus -XX:MaxMetaspaceSize=96m plus room for code, threads and buffers. */
    private static final long RSS_BOUND_KIB = 320 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestHost host = TestHost.get();
    private final McpDaemon daemon = new McpDaemon(host, DAEMON, PORT);
    private final long started = System.nanoTime();
    private TestGitRepo repo;
    private NodeSession session;

    @AfterEach
    void cleanUp() throws Exception {
        if (session != null) {
            session.close();
        }
        daemon.stop();
        host.berth("prune", "-q");
        host.exec("sh", "-c", "podman rm -f -t 0 $(podman ps -aq --filter label=berth.mcp.server) " + PLAIN + " 2>/dev/null; true");
        host.exec("podman", "secret", "rm", SECRET_NAME);
        host.exec("rm", "-f", NO_CGROUPS);
        if (repo != null) {
            repo.close();
        }
        FileTrees.deleteRecursively(host.hostPath(LOCK_REPO));
    }

    @Test
    void hostileServersAndSecretsDoNotHarmBerth() throws Exception {
        McpGatewayIT.testImages();
        step("test images ready");
        Files.writeString(host.hostPath(NO_CGROUPS), "[containers]\ncgroups = \"disabled\"\n");
        host.exec("podman", "secret", "rm", SECRET_NAME);
        host.exec("sh", "-c", "printf secret-file-value | podman secret create " + SECRET_NAME + " -").orThrow();
        host.exec("podman", "run", "-d", "--name", PLAIN, "-e", "DB_PASSWORD=plain-env-value", "--label",
                "db.password=plain-label-value", "--annotation", "api.token=plain-annotation-value", "--secret", SECRET_NAME,
                "localhost:5000/busybox:test", "sleep", "600").orThrow();
        FileTrees.deleteRecursively(host.hostPath(REPO));
        repo = TestGitRepo.create(host.hostPath(REPO));
        repo.write("pages.container", hostile("pages", 3101));
        repo.write("huge.container", hostile("huge", 3102));
        repo.write("flaky.container", hostile("flaky", 3103));
        repo.write("mcp/idle.mcp", "[MCP]\nImage=" + IMAGE + "\nExec=stdio\n");
        repo.write("secretive.container", """
                [Container]
                Image=localhost:5000/busybox:test
                ContainerName=berth-it-secretive
                Exec=sleep 600
                Environment=DB_PASSWORD=hunter2-env-value
                Label=db.password=label-secret-value
                Annotation=api.token=annotation-secret-value
                Secret=%s,type=env,target=API_KEY
                PodmanArgs=--env OTHER_TOKEN=podmanargs-secret-value
                """.formatted(SECRET_NAME));
        repo.commit("hostile MCP servers, an idle stdio server and a container full of secrets");
        host.berth("init", REPO).orThrow();
        for (int port : List.of(3101, 3102, 3103)) {
            waitFor("curl -s -o /dev/null --max-time 2 -X DELETE http://127.0.0.1:" + port + "/mcp", "hostile server on " + port);
        }
        step("repository deployed");

        daemon.start(Map.of("CONTAINERS_CONF_OVERRIDE", NO_CGROUPS, "BERTH_MCP_STDIO_IDLE", "3s",
                "BERTH_MCP_BACKOFF_FIRST", "250ms", "BERTH_MCP_BACKOFF_MAX", "2s"));
        String pid = daemonPid();
        session = NodeSession.open(NodeClient.leaderPid(), PORT, daemon.token());
        assertThat(session.toolNames()).contains("status", "container_inspect");
        step("daemon up");

        // 1. tools/list forever, 1,500 tools a page: the server is down with the reason; the daemon lives on
        JsonNode pages = awaitServer("pages", s -> "down".equals(s.path("state").asText()) && s.path("error").asText().contains("1000"));
        assertThat(pages.path("error").asText()).contains("tools/list has more than 1000 entries").contains("1500 entries in 1 pages");
        assertAlive(pid);
        // ... and berth mcp lock refuses it, naming the server and the bound, in bounded memory
        Path lockRepo = host.hostPath(LOCK_REPO);
        Files.createDirectories(lockRepo);
        Files.writeString(lockRepo.resolve("pages.container"), hostile("pages", 3101));
        TestHost.Result lock = host.exec(Duration.ofMinutes(2), "sh", "-c", "/opt/berth/berth mcp lock --repo " + LOCK_REPO
                + " 2>/tmp/lock.err & p=$!; peak=0; while kill -0 $p 2>/dev/null; do r=$(awk '/^VmRSS/{print $2}' /proc/$p/status"
                + " 2>/dev/null); [ -n \"$r\" ] && [ \"$r\" -gt $peak ] && peak=$r; sleep 0.05; done; wait $p; rc=$?;"
                + " echo \"rc=$rc peak=$peak\"; cat /tmp/lock.err >&2");
        step("berth mcp lock: " + lock.stdout().strip());
        assertThat(lock.stdout()).as(lock.toString()).contains("rc=1 ");
        assertThat(lock.stderr()).contains("'pages'").contains("more than 1000 entries");
        assertThat(Long.parseLong(lock.stdout().replaceAll("(?s).*peak=(\\d+).*", "$1"))).as("berth mcp lock's peak RSS, KiB")
                .isBetween(1L, RSS_BOUND_KIB);

        // 2. a 5 MiB answer: that read fails with the cap named, the server and the daemon stay up
        List<String> uris = awaitResources(u -> u.contains("mcp://huge/huge://big") && u.stream().anyMatch(x -> x.startsWith("mcp://idle/")),
                "huge's and idle's resources");
        assertThat(uris).as("downstream URIs are served only under their server's name").noneMatch(u -> u.startsWith("huge://"));
        JsonNode big = session.read("mcp://huge/huge://big");
        assertThat(big.path("ok").asBoolean()).as(big.toString()).isFalse();
        assertThat(big.toString()).contains("larger than 4 MiB");
        JsonNode small = session.read("mcp://huge/huge://small");
        assertThat(small.path("ok").asBoolean()).as(small.toString()).isTrue();
        assertThat(small.path("result").path("contents").get(0).path("text").asText()).isEqualTo("small answer from huge");
        assertThat(server(daemon.status(), "huge").path("state").asText()).isEqualTo("up");
        assertAlive(pid);
        step("huge answer refused");

        // 3. a server that refuses connections for 6 s: retried with a doubling backoff (250 ms up to 2 s), then up
        awaitServer("flaky", s -> "up".equals(s.path("state").asText()));
        List<Long> attempts = new ArrayList<>();
        JSON.readTree(host.exec("curl", "-s", "http://127.0.0.1:3103/attempts").orThrow().stdout()).forEach(a -> attempts.add(a.asLong()));
        step("flaky attempts (ms): " + attempts);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            gaps.add(attempts.get(i) - attempts.get(i - 1));
        }
        assertThat(gaps).as("waits between connection attempts " + attempts).hasSizeBetween(5, 9)
                .allMatch(g -> g >= 200 && g <= 2_000 + 1_500);
        // 250, 500, 1000, 2000, 2000 ms; the first wait is the least exact (the gateway is starting all its servers)
        assertThat(gaps.get(2)).as("the third wait doubles the second: " + gaps).isGreaterThan(gaps.get(1) * 3 / 2);
        assertThat(gaps.get(3)).as("the fourth wait doubles the third: " + gaps).isGreaterThan(gaps.get(2) * 3 / 2);
        assertThat(gaps.getLast()).as("waits stop growing at BERTH_MCP_BACKOFF_MAX: " + gaps).isLessThan(gaps.get(3) * 3 / 2);
        assertThat(attempts.getLast()).as("up at the first attempt after it recovered at 6 s").isBetween(6_000L, 6_000L + 2_000 + 1_500);
        assertAlive(pid);

        // 4. a stdio session left idle: its container is stopped after BERTH_MCP_STDIO_IDLE (3 s), the session lives on
        String idleUri = uris.stream().filter(u -> u.startsWith("mcp://idle/")).findFirst().orElseThrow();
        JsonNode read = session.read(idleUri);
        assertThat(read.path("ok").asBoolean()).as(read.toString()).isTrue();
        String sessionContainers = "podman ps -q --filter name=berth-mcp-idle-s-";
        assertThat(host.exec("sh", "-c", sessionContainers).orThrow().stdout()).as("the session's container runs").isNotBlank();
        long idleStart = System.nanoTime();
        waitFor("[ -z \"$(" + sessionContainers + ")\" ]", "the idle session's container to stop");
        step("idle container stopped after " + (System.nanoTime() - idleStart) / 1_000_000 + " ms");
        assertThat(session.toolNames()).contains("status");
        assertThat(session.read(idleUri).path("ok").asBoolean()).as("a new call starts a fresh container").isTrue();

        // 5. secrets: container_inspect and unit_show show none of the values, nor command lines holding them
        waitFor("[ \"$(podman inspect -f '{{.State.Running}}' berth-it-secretive)\" = true ]", "the secretive container");
        for (String container : List.of("berth-it-secretive", PLAIN)) {
            JsonNode inspect = session.call("container_inspect", "{\"container\":\"" + container + "\"}");
            assertThat(inspect.path("ok").asBoolean()).as(inspect.toString()).isTrue();
            String text = inspect.toString();
            assertThat(text).as(container).contains("DB_PASSWORD=(hidden)").contains(SECRET_NAME);
            SECRET_VALUES.forEach(v -> assertThat(text).as(container + " must not show " + v).doesNotContain(v));
            assertThat(podmanKnows(container)).as("podman itself records the values (the test is not vacuous)").isTrue();
        }
        JsonNode unit = session.call("unit_show", "{\"unit\":\"secretive.container\"}");
        assertThat(unit.path("ok").asBoolean()).as(unit.toString()).isTrue();
        String unitText = unit.toString();
        assertThat(unitText).contains("DB_PASSWORD=(hidden)").contains("Secret=" + SECRET_NAME).contains("ExecStart=");
        SECRET_VALUES.forEach(v -> assertThat(unitText).as("unit_show must not show " + v).doesNotContain(v));
        step("secrets hidden");

        // after every attack: the same daemon, answering, within its memory bounds
        assertAlive(pid);
        step("done");
    }

    private static String hostile(String mode, int port) {
        return """
                [Unit]
                Description=hostile MCP server (%1$s), McpGatewayHardeningIT

                [Container]
                Image=%2$s
                ContainerName=berth-it-hostile-%1$s
                Entrypoint=/usr/local/bin/node
                Exec=/hostile.mjs %1$s %3$d
                Volume=%4$s:/hostile.mjs:ro
                PublishPort=127.0.0.1:%3$d:%3$d

                [X-Berth]
                MCP=http://127.0.0.1:%3$d/mcp
                """.formatted(mode, IMAGE, port, SCRIPT);
    }

    /** Whether podman's own inspect holds a secret value (so hiding it is something the tool did). */
    private boolean podmanKnows(String container) {
        String raw = host.exec("podman", "container", "inspect", container).orThrow().stdout();
        return SECRET_VALUES.stream().anyMatch(raw::contains);
    }

    private void assertAlive(String pid) throws Exception {
        assertThat(daemonPid()).as("the daemon is the same process (not restarted)").isEqualTo(pid);
        assertThat(session.toolNames()).as("the endpoint answers").contains("status");
        long rss = Long.parseLong(host.exec("awk", "/^VmRSS/{print $2}", "/proc/" + pid + "/status").orThrow().stdout().strip());
        step("daemon RSS " + rss / 1024 + " MiB");
        assertThat(rss).as("daemon RSS in KiB").isLessThan(RSS_BOUND_KIB);
    }

    private String daemonPid() {
        String pid = host.exec("systemctl", "show", "-p", "MainPID", "--value", DAEMON).orThrow().stdout().strip();
        assertThat(pid).as("the daemon's MainPID").isNotIn("", "0");
        return pid;
    }

    private List<String> awaitResources(Predicate<List<String>> wanted, String what) throws Exception {
        return daemon.await(session::resourceUris, wanted, Duration.ofMillis(300), what);
    }

    private JsonNode awaitServer(String name, Predicate<JsonNode> wanted) throws Exception {
        return daemon.await(() -> server(daemon.status(), name), wanted, Duration.ofMillis(300), "server " + name);
    }

    private void waitFor(String script, String what) {
        TestHost.Result r = host.exec("sh", "-c", "for i in $(seq 1 90); do " + script + " && exit 0; sleep 0.2; done; exit 1");
        assertThat(r.exitCode()).as("waiting for " + what + "\n" + r).isZero();
    }

    private void step(String what) {
        System.out.printf("McpGatewayHardeningIT: %5.1f s %s%n", (System.nanoTime() - started) / 1e9, what);
    }
}

package dev.berth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.git.TestGitRepo;
import dev.berth.it.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Berth's MCP server on the real test host, driven by the official TypeScript SDK client: over the
 * daemon's HTTP endpoint (read status, see a failing unit's logs, restart it only when writes are allowed,
 * no token → 401, foreign Origin → 403) and over stdio ({@code berth mcp}).
 */
class McpIT {
    private static final int PORT = 18790;
    private static final String DAEMON = "berth-mcp-it";
    private static final String IMAGE = "localhost:5000/busybox:test";

    private final TestHost host = TestHost.get();
    private final McpDaemon daemon = new McpDaemon(host, DAEMON, PORT);
    private TestGitRepo repo;

    @AfterEach
    void cleanUp() {
        daemon.stop();
        host.berth("prune", "-q");
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    void overHttpAndStdioWithTheOfficialTypeScriptClient() throws Exception {
        NodeClient.requireInstalled();
        Path dir = host.hostPath("/srv/share/mcp-it");
        if (Files.exists(dir)) {
            dev.berth.host.FileTrees.deleteRecursively(dir);
        }
        repo = TestGitRepo.create(dir);
        // "flaky" comes up, then dies after a few seconds: a managed unit that is failing
        repo.write("flaky.container", """
                [Container]
                Image=%s
                ContainerName=mcp-flaky
                Exec=sh -c 'sleep 4; echo flaky gave up on purpose >&2; exit 3'
                """.formatted(IMAGE));
        repo.commit("flaky");
        host.berth("init", "/srv/share/mcp-it").orThrow();
        waitFor("systemctl is-failed -q flaky.service", "flaky.service to fail");

        // 1. the daemon with a read-only MCP endpoint
        daemon.start();
        String token = daemon.token();
        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(host.exec("stat", "-c", "%a", "/var/lib/berth/mcp-token").orThrow().stdout().strip()).isEqualTo("600");

        JsonNode r = NodeClient.http(NodeClient.leaderPid(), PORT, token, """
                [{"call":"status"},{"call":"unit_logs","args":{"unit":"flaky.container","lines":30}},
                 {"call":"unit_restart","args":{"unit":"flaky.container"}},{"call":"no_such_tool"},
                 {"call":"unit_logs","args":{"unit":"flaky.container","lines":"many"}},
                 {"resource":"berth://units/flaky.container"},{"prompt":"why_failing","args":{"unit":"flaky.service"}}]""");
        assertThat(names(r.path("tools"))).contains("status", "plan", "history", "validate", "unit_list", "unit_show",
                "unit_logs", "container_list", "container_inspect", "container_logs", "container_stats", "image_list",
                "volume_list", "network_list").doesNotContain("sync", "unit_restart", "image_pull");
        JsonNode status = step(r, 0).path("result");
        assertThat(status.path("isError").asBoolean()).as(status.toString()).isFalse();
        JsonNode flaky = status.path("structuredContent").path("units").get(0);
        assertThat(flaky.path("systemdName").asText()).isEqualTo("flaky.service");
        assertThat(flaky.path("activeState").asText()).isEqualTo("failed");
        assertThat(step(r, 1).path("result").path("structuredContent").path("lines").toString()).contains("flaky gave up on purpose");
        JsonNode refused = step(r, 2).path("result");
        assertThat(refused.path("isError").asBoolean()).isTrue();
        assertThat(refused.path("content").get(0).path("text").asText()).contains("read-only").contains("--allow-write");
        assertThat(step(r, 3).path("ok").asBoolean()).isFalse();
        assertThat(step(r, 3).path("code").asInt()).isEqualTo(-32602);
        assertThat(step(r, 4).path("result").path("isError").asBoolean()).isTrue();
        assertThat(step(r, 5).path("result").path("contents").get(0).path("text").asText()).contains("mcp-flaky");
        assertThat(step(r, 6).path("result").path("messages").get(0).path("content").path("text").asText())
                .contains("flaky gave up on purpose");
        assertThat(host.exec("systemctl", "is-failed", "flaky.service").stdout().strip()).isEqualTo("failed");
        assertThat(daemon.journal()).contains("mcp write refused: token:").contains("client=berth-it-ts-client/1.0.0").contains("unit_restart");

        // 2. plain HTTP: no token → 401, a foreign Origin or Host → 403, all checked before any MCP processing
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}";
        assertThat(curl(init)).isEqualTo("401");
        assertThat(curl(init, "-H", "Authorization: Bearer wrong")).isEqualTo("401");
        assertThat(curl(init, "-H", "Authorization: Bearer " + token, "-H", "Origin: http://evil.example")).isEqualTo("403");
        assertThat(curl(init, "-H", "Authorization: Bearer " + token, "-H", "Host: evil.example:" + PORT)).isEqualTo("403");
        assertThat(curl("{not json", "-H", "Authorization: Bearer " + token)).isEqualTo("400");
        assertThat(curl(init, "-H", "Authorization: Bearer " + token, "-H", "Origin: http://127.0.0.1:" + PORT)).isEqualTo("200");

        // 2b. the official conformance suite: the scenarios that apply to a server with its own tool set
        for (String scenario : NodeClient.CONFORMANCE) {
            String out = NodeClient.conformance(NodeClient.leaderPid(), PORT, token, scenario);
            assertThat(out).as(out).startsWith("exit 0").containsPattern("Passed: (\\d+)/\\1, 0 failed");
        }

        // 3. with writes allowed, restart the failing unit through MCP
        daemon.start("--mcp-allow-write");
        r = NodeClient.http(NodeClient.leaderPid(), PORT, token, """
                [{"call":"unit_restart","args":{"unit":"flaky.container"}},{"call":"unit_restart","args":{"unit":"sshd.service"}}]""");
        JsonNode restarted = step(r, 0).path("result");
        assertThat(restarted.path("isError").asBoolean()).as(restarted.toString()).isFalse();
        assertThat(restarted.path("structuredContent").path("state").path("activeState").asText()).isEqualTo("active");
        JsonNode notManaged = step(r, 1).path("result");
        assertThat(notManaged.path("isError").asBoolean()).isTrue();
        assertThat(notManaged.path("content").get(0).path("text").asText()).contains("not a unit Berth manages");
        assertThat(daemon.journal()).contains("mcp write: token:").contains("unit_restart {unit=flaky.container}").contains("done");
        daemon.stop();

        // 4. stdio: berth mcp in the host, read-only by default
        List<String> server = List.of(System.getProperty("berth.testbed"), "exec", "/opt/berth/berth", "mcp");
        r = NodeClient.stdio("[{\"call\":\"unit_list\"},{\"call\":\"sync\"}]", server);
        assertThat(step(r, 0).path("result").path("structuredContent").path("units").get(0).path("unit").asText())
                .isEqualTo("flaky.container");
        assertThat(step(r, 1).path("result").path("isError").asBoolean()).isTrue();
    }

    private String curl(String body, String... headers) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20",
                "-H", "Content-Type: application/json", "-H", "Accept: application/json, text/event-stream"));
        cmd.addAll(List.of(headers));
        cmd.addAll(List.of("-d", body, "http://127.0.0.1:" + PORT + "/mcp"));
        return host.exec(cmd.toArray(String[]::new)).stdout().strip();
    }

    private void waitFor(String script, String what) {
        TestHost.Result r = host.exec("sh", "-c", "for i in $(seq 1 120); do " + script + " && exit 0; sleep 0.5; done; exit 1");
        assertThat(r.exitCode()).as("waiting for " + what + "\n" + r).isZero();
    }

    private static JsonNode step(JsonNode report, int i) {
        return report.path("steps").get(i);
    }

    private static List<String> names(JsonNode tools) {
        List<String> out = new ArrayList<>();
        tools.forEach(t -> out.add(t.path("name").asText()));
        return out;
    }
}

package dev.berth.mcp;

import static dev.berth.mcp.McpDaemon.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.git.TestGitRepo;
import dev.berth.host.FileTrees;
import dev.berth.it.TestHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 on the real test host: the MCP servers a repository declares, behind Berth's one endpoint. Two
 * servers nobody on Berth wrote (the reference server-everything from npm, image made by
 * scripts/mcp-test-image): one over Streamable HTTP as an ordinary {@code .container} unit with
 * {@code [X-Berth] MCP=}, one on stdio declared by a {@code .mcp} file. The official TypeScript SDK client,
 * in one long session, sees both servers' tools namespaced next to Berth's own and calls one of each; the
 * stdio server's container has no network; stopping the HTTP server withdraws its tools and starting it
 * restores them; a tool whose definition no longer matches {@code mcp.lock} is withheld; a name
 * collision fails {@code berth validate}.
 */
class McpGatewayIT {
    private static final int PORT = 18792;
    private static final String DAEMON = "berth-mcp-gateway-it";
    private static final String REPO = "/srv/share/mcp-gateway-it";
    private static final String COLLIDING = "/srv/share/mcp-gateway-collide";
    private static final String HTTP = "everything-http";
    private static final String STDIO = "everything-stdio";
    private static final String IMAGE = "localhost:5000/mcp-everything:";
    /**
     * The build machine's cgroups are hybrid, so no controller can be delegated into the test host: crun
     * fails "opening file `memory.max`" for any --memory/--cpus/--pids-limit. Containers that Berth starts
     * itself (stdio servers) are made without a cgroup of their own through this override: podman still
     * records the limits (checked below with podman inspect), the test host cannot enforce them.
     */
    private static final String NO_CGROUPS = "/etc/containers/berth-it-no-cgroups.conf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestHost host = TestHost.get();
    private final McpDaemon daemon = new McpDaemon(host, DAEMON, PORT);
    private TestGitRepo repo;
    private NodeSession session;

    @AfterEach
    void cleanUp() throws Exception {
        if (session != null) {
            session.close();
        }
        daemon.stop();
        host.berth("prune", "-q");
        host.exec("sh", "-c", "podman rm -f -t 0 $(podman ps -aq --filter label=berth.mcp.server) 2>/dev/null; true");
        host.exec("rm", "-f", NO_CGROUPS);
        if (repo != null) {
            repo.close();
        }
        FileTrees.deleteRecursively(host.hostPath(COLLIDING));
    }

    @Test
    void twoForeignServersBehindBerthsOneEndpoint() throws Exception {
        NodeClient.requireInstalled();
        testImages();
        step("test images ready");
        Files.writeString(host.hostPath(NO_CGROUPS), "[containers]\ncgroups = \"disabled\"\n");
        FileTrees.deleteRecursively(host.hostPath(REPO));
        repo = TestGitRepo.create(host.hostPath(REPO));
        repo.write(HTTP + ".container", httpUnit("test"));
        repo.write("mcp/" + STDIO + ".mcp", stdioServer("test"));
        repo.commit("two MCP servers: server-everything over HTTP and on stdio");
        host.berth("init", REPO).orThrow();
        waitFor("curl -s -o /dev/null --max-time 2 http://127.0.0.1:3001/mcp", "the HTTP MCP server to listen");

        step("before 1.");
        // 1. no mcp.lock yet: every downstream tool is withheld, Berth's own are served
        daemon.start(Map.of("CONTAINERS_CONF_OVERRIDE", NO_CGROUPS));
        session = NodeSession.open(NodeClient.leaderPid(), PORT, daemon.token());
        List<String> tools = session.toolNames();
        assertThat(tools).contains("status", "unit_list").noneMatch(t -> t.startsWith(HTTP + "__") || t.startsWith(STDIO + "__"));
        JsonNode unlocked = awaitStatus(s -> withheld(s, HTTP).size() > 0 && withheld(s, STDIO).size() > 0, "tools withheld without a lock");
        assertThat(withheld(unlocked, HTTP).toString()).contains("mcp.lock");

        step("before 2.");
        // 2. `berth mcp lock` pins what the servers offer; committed, both servers' tools are served
        String lock = host.exec(Duration.ofMinutes(2), "env", "CONTAINERS_CONF_OVERRIDE=" + NO_CGROUPS,
                "/opt/berth/berth", "mcp", "lock").orThrow().stdout();
        JsonNode lockJson = JSON.readTree(lock);
        assertThat(lockJson.path("version").asInt()).isEqualTo(1);
        assertThat(lockJson.path("servers").path(HTTP).path("echo").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(lockJson.path("servers").path(STDIO).path("echo").asText())
                .isEqualTo(lockJson.path("servers").path(HTTP).path("echo").asText());   // the same server, the same definition
        repo.write("mcp.lock", lock);
        repo.commit("pin the MCP servers' tools");
        int changesBefore = session.list().path("listChanged").asInt();
        host.berth("sync").orThrow();
        tools = awaitTools(t -> t.contains(HTTP + "__echo") && t.contains(STDIO + "__echo"), "both servers' tools after the lock");
        assertThat(tools).contains("status", "unit_list", HTTP + "__get-sum", STDIO + "__get-sum")
                // read-only mode (the default): tools not annotated readOnlyHint=true stay hidden
                .doesNotContain(HTTP + "__toggle-simulated-logging", STDIO + "__toggle-simulated-logging")
                .allMatch(t -> !t.contains("__") || t.startsWith(HTTP + "__") || t.startsWith(STDIO + "__"));
        List<String> softFailures = new ArrayList<>();
        int changesAfterLock = session.list().path("listChanged").asInt();
        if (changesAfterLock <= changesBefore) {
            softFailures.add("no notifications/tools/list_changed after the lock commit made tools appear");
        }

        step("before 3.");
        // 3. one call through each server
        assertThat(echo(session.call(HTTP + "__echo", "{\"message\":\"through berth to http\"}")))
                .isEqualTo("Echo: through berth to http");
        assertThat(echo(session.call(STDIO + "__echo", "{\"message\":\"through berth to stdio\"}")))
                .isEqualTo("Echo: through berth to stdio");

        // ... and their prompts (namespaced) and resources (under their own URIs), forwarded the same way
        List<String> prompts = session.promptNames();
        assertThat(prompts).contains(HTTP + "__simple-prompt", STDIO + "__simple-prompt");
        for (String server : List.of(HTTP, STDIO)) {
            JsonNode prompt = session.prompt(server + "__simple-prompt");
            assertThat(prompt.path("ok").asBoolean()).as(prompt.toString()).isTrue();
            assertThat(prompt.path("result").path("messages").get(0).path("content").path("text").asText())
                    .contains("simple prompt without arguments");
        }
        List<String> resources = session.resourceUris();
        assertThat(resources).as("resources served through Berth").isNotEmpty();
        JsonNode read = session.read(resources.get(0));
        assertThat(read.path("ok").asBoolean()).as(read.toString()).isTrue();
        assertThat(read.path("result").path("contents")).isNotEmpty();

        step("before 4.");
        // 4. the stdio server's container (the session's, alive while it is open): sandboxed, no network
        String id = awaitOneContainer(STDIO);
        String[] inspect = host.exec("podman", "inspect", "--format",
                "{{.HostConfig.NetworkMode}}|{{.HostConfig.ReadonlyRootfs}}|{{.HostConfig.Memory}}|{{.HostConfig.PidsLimit}}"
                        + "|{{.HostConfig.SecurityOpt}}|{{.State.Pid}}|{{.Config.Image}}", id)
                .orThrow().stdout().strip().split("\\|");
        assertThat(inspect[0]).isEqualTo("none");
        assertThat(inspect[1]).isEqualTo("true");
        assertThat(inspect[2]).isEqualTo(Long.toString(256L * 1024 * 1024));
        assertThat(inspect[3]).isEqualTo("256");
        assertThat(inspect[4]).contains("no-new-privileges");
        assertThat(host.exec("grep", "^CapEff:", "/proc/" + inspect[5] + "/status").orThrow().stdout())
                .as("--cap-drop=all: no capability left").contains("0000000000000000");
        assertThat(inspect[6]).isEqualTo(IMAGE + "test");
        List<String> links = host.exec("nsenter", "-t", inspect[5], "-n", "ip", "-o", "link").orThrow().stdout().strip().lines().toList();
        assertThat(links).as("network interfaces in the stdio server's container").hasSize(1);
        assertThat(links.get(0)).contains(": lo:");

        step("before 5.");
        // 5. the HTTP server stops: its tools are withdrawn, the stdio server's stay; it starts: they are back
        int changesBeforeStop = session.list().path("listChanged").asInt();
        host.exec("systemctl", "stop", HTTP + ".service").orThrow();
        tools = awaitTools(t -> t.stream().noneMatch(n -> n.startsWith(HTTP + "__")), "the stopped server's tools to be withdrawn");
        assertThat(tools).contains(STDIO + "__echo", "status");
        assertThat(refused(session.call(HTTP + "__echo", "{\"message\":\"anyone there?\"}"))).isTrue();
        JsonNode down = awaitStatus(s -> "down".equals(server(s, HTTP).path("state").asText()), "status to show the HTTP server down");
        assertThat(server(down, HTTP).path("error").asText()).isNotBlank();
        assertThat(server(down, STDIO).path("state").asText()).isEqualTo("up");
        int changesWhileDown = session.list().path("listChanged").asInt();
        if (changesWhileDown <= changesBeforeStop) {
            softFailures.add("no notifications/tools/list_changed when the HTTP server's tools were withdrawn");
        }
        host.exec("systemctl", "start", HTTP + ".service").orThrow();
        awaitTools(t -> t.contains(HTTP + "__echo"), "the restarted server's tools to come back");
        assertThat(echo(session.call(HTTP + "__echo", "{\"message\":\"back\"}"))).isEqualTo("Echo: back");
        assertThat(server(awaitStatus(s -> "up".equals(server(s, HTTP).path("state").asText()), "HTTP server up"), HTTP)
                .path("tools").toString()).contains(HTTP + "__echo");
        if (session.list().path("listChanged").asInt() <= changesWhileDown) {
            softFailures.add("no notifications/tools/list_changed when the HTTP server's tools came back");
        }

        step("before 6.");
        // 6. the session ends: so does its stdio container
        session.close();
        session = null;
        TestHost.Result ended = host.exec("sh", "-c", "for i in $(seq 1 20); do [ -z \"$(podman ps -q --filter label=berth.mcp.server="
                + STDIO + ")\" ] && exit 0; sleep 0.5; done; exit 1");
        if (!ended.ok()) {
            softFailures.add("the stdio server's container still runs 10 s after its client session ended (DELETE)");
        }

        step("before 7.");
        // 7. a name collision fails validation, naming both declarations
        TestHost.Result valid = host.berth("validate", REPO);
        assertThat(valid.exitCode()).as(valid.toString()).isZero();
        Path colliding = host.hostPath(COLLIDING);
        Files.createDirectories(colliding.resolve("tools"));
        Files.writeString(colliding.resolve(HTTP + ".container"), httpUnit("test"));
        Files.writeString(colliding.resolve("tools/" + HTTP + ".mcp"), stdioServer("test"));
        TestHost.Result collision = host.berth("validate", COLLIDING);
        assertThat(collision.exitCode()).as(collision.toString()).isEqualTo(1);
        // one error on each declaration, naming the other
        assertThat(collision.stdout().lines().filter(l -> l.contains("'" + HTTP + "'") && l.contains(HTTP + ".container")
                && l.contains("tools/" + HTTP + ".mcp")).count()).as(collision.stdout()).isEqualTo(2);

        // a stdio server whose image cannot be pulled: podman's own error, at once (not a timeout)
        Files.writeString(colliding.resolve("tools/" + HTTP + ".mcp"), stdioServer("test")
                .replace(IMAGE + "test", "localhost:5000/no-such-image:1"));
        Files.delete(colliding.resolve(HTTP + ".container"));
        long lockStart = System.nanoTime();
        TestHost.Result unpullable = host.exec(Duration.ofMinutes(2), "env", "CONTAINERS_CONF_OVERRIDE=" + NO_CGROUPS,
                "/opt/berth/berth", "mcp", "lock", "--repo", COLLIDING);
        assertThat(unpullable.exitCode()).as(unpullable.toString()).isEqualTo(1);
        assertThat(unpullable.stderr()).contains("'" + HTTP + "'").contains("exited").contains("manifest unknown");
        assertThat(Duration.ofNanos(System.nanoTime() - lockStart)).isLessThan(Duration.ofSeconds(20));

        step("before 8.");
        // 8. the rug pull: a commit moves both servers to an image whose echo says something else; the lock
        // is not updated, so echo is withheld from both (and refused), the rest is served
        repo.write(HTTP + ".container", httpUnit("rugpull"));
        repo.write("mcp/" + STDIO + ".mcp", stdioServer("rugpull"));
        repo.commit("new server images (the lock not updated)");
        host.berth("sync").orThrow();
        session = NodeSession.open(NodeClient.leaderPid(), PORT, daemon.token());
        tools = awaitTools(t -> t.contains(HTTP + "__get-sum") && !t.contains(HTTP + "__echo")
                && t.contains(STDIO + "__get-sum") && !t.contains(STDIO + "__echo"), "echo withheld, the rest served");
        assertThat(refused(session.call(STDIO + "__echo", "{\"message\":\"x\"}"))).isTrue();
        assertThat(refused(session.call(HTTP + "__echo", "{\"message\":\"x\"}"))).isTrue();
        assertThat(echo(session.call(STDIO + "__get-sum", "{\"a\":2,\"b\":3}"))).contains("5");
        JsonNode pulled = awaitStatus(s -> withheldTool(s, HTTP, "echo") != null && withheldTool(s, STDIO, "echo") != null,
                "status to report echo withheld");
        assertThat(withheldTool(pulled, STDIO, "echo").path("reason").asText()).contains("differs");
        assertThat(withheldTool(pulled, HTTP, "echo").path("reason").asText()).contains("differs");
        assertThat(withheldTool(pulled, HTTP, "get-sum")).isNull();

        step("done");
        assertThat(softFailures).as("checked last, so that every scenario above ran").isEmpty();
    }

    private final long started = System.nanoTime();

    /** Where the time goes (on stdout, in the failsafe report). */
    private void step(String what) {
        System.out.printf("McpGatewayIT: %5.1f s %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    private static String httpUnit(String tag) {
        return """
                [Unit]
                Description=server-everything over Streamable HTTP (McpGatewayIT)

                [Container]
                Image=%s%s
                ContainerName=%s
                Exec=streamableHttp
                PublishPort=127.0.0.1:3001:3001

                [X-Berth]
                MCP=http://127.0.0.1:3001/mcp
                """.formatted(IMAGE, tag, HTTP);
    }

    private static String stdioServer(String tag) {
        return """
                [MCP]
                Image=%s%s
                Exec=stdio
                """.formatted(IMAGE, tag);
    }

    /** localhost:5000/mcp-everything:test and :rugpull in the test host (built once, imported once per boot). */
    static void testImages() throws Exception {
        Path script = Path.of(System.getProperty("berth.testbed")).resolveSibling("mcp-test-image");
        Process p = new ProcessBuilder(script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as("scripts/mcp-test-image\n" + out).isZero();
    }

    private List<String> awaitTools(Predicate<List<String>> wanted, String what) throws Exception {
        return daemon.await(session::toolNames, wanted, Duration.ofMillis(500), what);
    }

    private JsonNode awaitStatus(Predicate<JsonNode> wanted, String what) throws Exception {
        return daemon.await(daemon::status, wanted, Duration.ofMillis(500), what);
    }

    private static JsonNode withheld(JsonNode status, String name) {
        return server(status, name).path("withheld");
    }

    /** The withheld entry for a downstream tool (named plainly or namespaced), or null. */
    private static JsonNode withheldTool(JsonNode status, String name, String tool) {
        for (JsonNode w : withheld(status, name)) {
            String t = w.path("tool").asText();
            if (t.equals(tool) || t.equals(name + "__" + tool)) {
                return w;
            }
        }
        return null;
    }

    /** The text of a successful call's first content block. */
    private static String echo(JsonNode reply) {
        assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
        assertThat(reply.path("result").path("isError").asBoolean()).as(reply.toString()).isFalse();
        return reply.path("result").path("content").get(0).path("text").asText();
    }

    /** A protocol error, or a tool result marked as an error. */
    private static boolean refused(JsonNode reply) {
        return !reply.path("ok").asBoolean() || reply.path("result").path("isError").asBoolean();
    }

    private String awaitOneContainer(String server) {
        waitFor("[ \"$(podman ps -q --filter label=berth.mcp.server=" + server + " | wc -l)\" = 1 ]",
                "one running container labelled berth.mcp.server=" + server);
        return host.exec("podman", "ps", "-q", "--filter", "label=berth.mcp.server=" + server).orThrow().stdout().strip();
    }

    private void waitFor(String script, String what) {
        TestHost.Result r = host.exec("sh", "-c", "for i in $(seq 1 90); do " + script + " && exit 0; sleep 0.5; done; exit 1");
        assertThat(r.exitCode()).as("waiting for " + what + "\n" + r).isZero();
    }
}

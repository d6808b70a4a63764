package dev.berth.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official TypeScript MCP client (src/it/node/client.mjs, installed by scripts/test with npm ci), run on
 * the build machine. For HTTP it runs inside the test host's network namespace, where the daemon listens.
 */
final class NodeClient {
    static final Path DIR = Path.of(System.getProperty("user.dir"), "src/it/node");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeClient() {
    }

    /** Fails the test (never skips it) when the client is missing: scripts/test installs it with npm ci. */
    static void requireInstalled() {
        if (!Files.isDirectory(DIR.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            throw new AssertionError(DIR + " has no node_modules: run scripts/test (it runs npm ci there)");
        }
    }

    /** The test host's leader process: the client enters its network namespace, where the daemon listens. */
    static int leaderPid() throws Exception {
        Process p = new ProcessBuilder(System.getProperty("berth.testbed"), "status").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().filter(l -> l.startsWith("leader_pid=")).map(l -> Integer.parseInt(l.substring(11).strip()))
                .findFirst().orElseThrow(() -> new AssertionError("no leader_pid in testbed status:\n" + out));
    }

    static JsonNode http(int leaderPid, int port, String token, String stepsJson) throws Exception {
        return run(List.of("nsenter", "-t", Integer.toString(leaderPid), "-n", "node", "client.mjs", "http",
                "http://127.0.0.1:" + port + "/mcp", token, stepsJson));
    }

    static JsonNode stdio(String stepsJson, List<String> serverCommand) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", "client.mjs", "stdio", stepsJson, "--"));
        cmd.addAll(serverCommand);
        return run(cmd);
    }

    /** The scenarios of the official conformance suite that apply to a server with its own tools (the rest call the suite's test tools). */
    static final List<String> CONFORMANCE = List.of("server-initialize", "ping", "tools-list", "resources-list", "prompts-list",
            "logging-set-level", "dns-rebinding-protection");

    /**
     * Runs the official conformance suite (Node 22, from the npm package node) in the test host's network
     * namespace, through token-proxy.mjs, since the suite cannot send a bearer token. Returns its output.
     */
    static String conformance(int leaderPid, int port, String token, String scenario) throws Exception {
        String node22 = DIR.resolve("node_modules/.bin/node").toString();
        String script = "'" + node22 + "' token-proxy.mjs 18791 http://127.0.0.1:" + port + "/mcp " + token + " & p=$!; "
                // until the proxy answers (any HTTP answer): Node may take longer than a fixed second on a loaded machine
                + "for i in $(seq 300); do curl -s -o /dev/null http://127.0.0.1:18791/ && break; sleep 0.1; done; "
                + "'" + node22 + "' node_modules/.bin/conformance server --url http://127.0.0.1:18791/mcp --scenario " + scenario
                + "; rc=$?; kill $p; exit $rc";
        Process p = new ProcessBuilder("nsenter", "-t", Integer.toString(leaderPid), "-n", "sh", "-c", script)
                .directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        return "exit " + p.exitValue() + "\n" + out;
    }

    private static JsonNode run(List<String> command) throws Exception {
        File out = File.createTempFile("mcp-client", ".json");
        File err = File.createTempFile("mcp-client", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(DIR.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out).redirectError(err).start();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("the node MCP client did not finish in 3 minutes: " + command);
            }
            String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0 || stdout.isBlank()) {
                throw new AssertionError("node MCP client exited " + p.exitValue() + ": " + command + "\n"
                        + Files.readString(err.toPath(), StandardCharsets.UTF_8));
            }
            return JSON.readTree(stdout);
        } finally {
            out.delete();
            err.delete();
        }
    }
}

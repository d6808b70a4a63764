package dev.berth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.it.TestHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The daemon with its MCP endpoint, {@code berth run --mcp-listen 127.0.0.1:PORT}, run in the test host as a
 * transient systemd unit: how the MCP integration tests start it, ask it, read its log and stop it.
 */
final class McpDaemon {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    private final TestHost host;
    private final String unit;
    private final int port;

    McpDaemon(TestHost host, String unit, int port) {
        this.host = host;
        this.unit = unit;
        this.port = port;
    }

    /** Stops the daemon, if it runs, and clears a failed state, so that the unit name is free again. */
    void stop() {
        host.exec("systemctl", "stop", unit);
        host.exec("systemctl", "reset-failed", unit);
    }

    /**
     * Starts a fresh daemon, after stopping the one before: {@code environment} is set by systemd-run,
     * {@code options} follow {@code berth run}. Returns once the endpoint answers.
     */
    void start(Map<String, String> environment, String... options) {
        stop();
        List<String> cmd = new ArrayList<>(List.of("systemd-run", "--unit=" + unit, "--collect"));
        environment.forEach((name, value) -> cmd.add("--setenv=" + name + "=" + value));
        cmd.addAll(List.of("/opt/berth/berth", "run", "--interval", "1h", "--mcp-listen", "127.0.0.1:" + port));
        cmd.addAll(List.of(options));
        host.exec(cmd.toArray(String[]::new)).orThrow();
        // the previous daemon is stopped, so whatever answers (401 without a token) is this one
        TestHost.Result r = host.exec("sh", "-c", "for i in $(seq 1 240); do [ \"$(curl -s -o /dev/null -w '%{http_code}'"
                + " http://127.0.0.1:" + port + "/mcp)\" = 401 ] && exit 0; sleep 0.25; done; exit 1");
        assertThat(r.exitCode()).as("waiting for the MCP endpoint\n" + r + "\n" + journalTail(40)).isZero();
    }

    void start(String... options) {
        start(Map.of(), options);
    }

    /** The token {@code berth mcp token} prints (and makes, the first time). */
    String token() {
        return host.berth("mcp", "token").orThrow().stdout().strip();
    }

    /** {@code berth status --json}. */
    JsonNode status() throws Exception {
        return JSON.readTree(host.berth("status", "--json").orThrow().stdout());
    }

    /** The entry of the downstream MCP server {@code name} in a status, or a missing node. */
    static JsonNode server(JsonNode status, String name) {
        for (JsonNode s : status.path("mcpServers")) {
            if (name.equals(s.path("name").asText())) {
                return s;
            }
        }
        return JSON.missingNode();
    }

    /**
     * Reads {@code read} every {@code every} until {@code wanted} holds, and returns what it read; after 45 s
     * fails the test with the last value read, the status and the end of the daemon's log.
     */
    <T> T await(Callable<T> read, Predicate<T> wanted, Duration every, String what) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T value = read.call();
        while (!wanted.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what + "; last seen: " + value
                        + "\nstatus: " + status() + "\ndaemon log:\n" + journalTail(40));
            }
            Thread.sleep(every.toMillis());
            value = read.call();
        }
        return value;
    }

    /** The daemon's whole log (every run of the unit since the host booted). */
    String journal() {
        return host.exec("journalctl", "-u", unit, "--no-pager", "-o", "cat").stdout();
    }

    /** The last {@code lines} lines of its log, to explain a failure. */
    String journalTail(int lines) {
        List<String> all = journal().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}

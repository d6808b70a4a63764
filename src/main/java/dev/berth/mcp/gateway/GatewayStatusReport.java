package dev.berth.mcp.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Tells what changed about the downstream servers: a log line per server whose state, withheld entries or
 * number of tools changed, and the status file ({@value GatewayStatusFile#NAME}) {@code berth status} reads.
 */
final class GatewayStatusReport {
    private final Path stateDir;
    private final Consumer<String> log;
    private List<McpServerStatus> last = List.of();

    /** @param stateDir where the status file is written, or null not to write it */
    GatewayStatusReport(Path stateDir, Consumer<String> log) {
        this.stateDir = stateDir;
        this.log = log;
    }

    synchronized List<McpServerStatus> last() {
        return last;
    }

    synchronized void report(List<McpServerStatus> status) {
        if (status.equals(last)) {
            return;
        }
        Map<String, McpServerStatus> old = new HashMap<>();
        last.forEach(s -> old.put(s.name(), s));
        for (McpServerStatus s : status) {
            McpServerStatus was = old.get(s.name());
            if (was == null || !was.state().equals(s.state()) || !was.withheld().equals(s.withheld())
                    || was.tools().size() != s.tools().size()) {
                log.accept("MCP server " + s.name() + ": " + s.state() + (s.error() == null ? "" : " (" + s.error() + ")")
                        + ", " + s.tools().size() + " tools served" + (s.withheld().isEmpty() ? "" : ", "
                        + s.withheld().size() + " withheld: " + s.withheld().stream().map(w -> w.tool() + " (" + w.reason() + ")")
                        .limit(5).collect(Collectors.joining("; "))));
            }
        }
        last = List.copyOf(status);
        if (stateDir != null) {
            try {
                GatewayStatusFile.write(stateDir, status);
            } catch (IOException e) {
                log.accept("MCP servers: cannot write " + stateDir.resolve(GatewayStatusFile.NAME) + ": " + e.getMessage());
            }
        }
    }

    /** Removes the status file: once no endpoint serves the servers, status must not show a stale view as current. */
    void remove() {
        if (stateDir != null) {
            try {
                Files.deleteIfExists(stateDir.resolve(GatewayStatusFile.NAME));
            } catch (IOException e) {
                log.accept("MCP servers: cannot remove " + stateDir.resolve(GatewayStatusFile.NAME) + ": " + e.getMessage());
            }
        }
    }
}

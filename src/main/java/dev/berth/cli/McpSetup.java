package dev.berth.cli;

import dev.berth.mcp.BerthMcpServer;
import dev.berth.mcp.Deployments;
import dev.berth.mcp.McpBackend;
import dev.berth.mcp.ToolPolicy;
import dev.berth.mcp.WriteLog;
import java.util.List;
import java.util.Set;

/** Builds the MCP server over this host's wiring; shared by {@code berth mcp} and {@code berth run --mcp-listen}. */
final class McpSetup {
    private McpSetup() {
    }

    static BerthMcpServer server(Wiring w, Deployments deployments, boolean allowWrite, List<String> allow, List<String> deny,
                                 WriteLog log) {
        McpBackend backend = new McpBackend(w.layout, w.store, w.systemd, w.runner, w.status(), deployments);
        ToolPolicy policy = new ToolPolicy(allowWrite, Set.copyOf(allow), Set.copyOf(deny));
        String v = Main.class.getPackage().getImplementationVersion();
        try {
            return new BerthMcpServer(backend, policy, log, v == null ? "dev" : v);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new Main()), e.getMessage());
        }
    }
}

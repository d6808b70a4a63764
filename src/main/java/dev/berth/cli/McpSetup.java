package dev.berth.cli;

import dev.berth.mcp.BerthMcpServer;
import dev.berth.Berth;
import dev.berth.mcp.LibraryDeployments;
import dev.berth.mcp.McpBackend;
import dev.berth.mcp.ToolPolicy;
import dev.berth.mcp.WriteLog;
import dev.berth.mcp.gateway.DeployedDeclarations;
import dev.berth.mcp.gateway.McpGateway;
import java.util.List;
import java.util.Set;

/** Builds the MCP server over this host's Berth; shared by {@code berth mcp} and {@code berth run --mcp-listen}. */
final class McpSetup {
    private McpSetup() {
    }

    /**
     * @param downstream also serve the MCP servers the deployed commit declares (tools named SERVER__TOOL)
     * @param reportStatus write what the endpoint sees of them for 'berth status' (the daemon's endpoint does;
     *                     a 'berth mcp' for one client does not, so the two never overwrite each other)
     */
    static BerthMcpServer server(Berth berth, boolean allowWrite, List<String> allow, List<String> deny,
                                 WriteLog log, boolean downstream, boolean reportStatus) {
        McpBackend backend = new McpBackend(berth.layout(), berth.store(), berth.systemd(), berth.podman(),
                berth.statusCollector(), new LibraryDeployments(berth));
        ToolPolicy policy = new ToolPolicy(allowWrite, Set.copyOf(allow), Set.copyOf(deny));
        String v = Main.class.getPackage().getImplementationVersion();
        McpGateway gateway = null;
        try {
            BerthMcpServer checked = new BerthMcpServer(backend, policy, log, v == null ? "dev" : v);
            if (!downstream) {
                return checked;
            }
            gateway = McpGateway.start(new DeployedDeclarations(berth.store()), allowWrite, policy::allowsName,
                    reportStatus ? berth.layout().stateDir() : null,
                    line -> log.record("mcp: " + line), reload -> {
                        try {
                            berth.events().onRecorded(reload);
                        } catch (java.io.IOException e) {
                            log.record("mcp: cannot follow new deployments (" + e.getMessage() + "): the MCP servers of the"
                                    + " deployed commit at start are served until Berth restarts");
                        }
                    });
            return new BerthMcpServer(backend, policy, log, v == null ? "dev" : v, gateway);
        } catch (IllegalArgumentException e) {
            if (gateway != null) {
                gateway.close();
            }
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new Main()), e.getMessage());
        }
    }
}

package dev.berth.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code berth run}'s options for the MCP endpoint; the endpoint is off unless --mcp-listen is given. */
final class McpDaemonOptions {

    @Option(names = "--mcp-listen", paramLabel = "[HOST:]PORT",
            description = "Serve MCP (Streamable HTTP, path /mcp) on this address; off by default. HOST defaults to 127.0.0.1."
                    + " Every request needs 'Authorization: Bearer TOKEN' ('berth mcp token' prints it).")
    String listen;

    @Option(names = "--mcp-allow-write", description = "Allow the MCP tools that change the host (default: read-only).")
    boolean allowWrite;

    @Option(names = "--mcp-allow-tools", split = ",", paramLabel = "TOOL[,TOOL...]", description = "Offer only these MCP tools.")
    List<String> allowTools = new ArrayList<>();

    @Option(names = "--mcp-deny-tools", split = ",", paramLabel = "TOOL[,TOOL...]", description = "Never offer these MCP tools.")
    List<String> denyTools = new ArrayList<>();

    @Option(names = "--mcp-no-servers", description = "Serve only Berth's own tools, not those of the MCP servers the"
            + " repository declares (default: serve them too, as SERVER__TOOL).")
    boolean noServers;

    @Option(names = "--mcp-allow-host", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Further host names requests may be addressed to (Host and Origin headers); loopback names always are.")
    List<String> allowHosts = new ArrayList<>();
}

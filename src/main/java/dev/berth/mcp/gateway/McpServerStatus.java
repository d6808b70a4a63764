package dev.berth.mcp.gateway;

import java.util.List;

/**
 * How one declared MCP server is doing, as {@code berth status} shows it (the endpoint writes these to
 * {@value GatewayStatusFile#NAME} in the state folder whenever something changes).
 *
 * @param state    {@code up}, {@code down} or {@code starting}
 * @param error    why it is down, or null
 * @param since    when it entered this state (ISO-8601)
 * @param tools    the namespaced tools served now
 * @param withheld tools, prompts and resources left out (namespaced) and why (lock mismatch, new tool, read-only mode, lists)
 * @param sessions stdio servers: containers running for client sessions now
 */
public record McpServerStatus(String name, String transport, String state, String error, String since,
                              List<String> tools, List<ServedTools.Withheld> withheld, int sessions) {

    public McpServerStatus {
        tools = tools == null ? List.of() : List.copyOf(tools);
        withheld = withheld == null ? List.of() : List.copyOf(withheld);
    }
}

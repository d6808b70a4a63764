package dev.berth.mcp.gateway;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/**
 * One MCP client connection from Berth to a downstream server. Nothing of the upstream request (headers,
 * Berth's bearer token) is ever passed on: connections are made by Berth with no credentials of its own.
 * Every method throws a RuntimeException when the server fails or does not answer in time.
 */
interface DownstreamClient extends AutoCloseable {
    /** Largest response a downstream may send; a bigger one fails that request, not the endpoint. */
    int MAX_RESPONSE = 4 * 1024 * 1024;

    List<McpSchema.Tool> tools();

    List<McpSchema.Prompt> prompts();

    List<McpSchema.Resource> resources();

    McpSchema.CallToolResult call(String tool, Map<String, Object> arguments);

    McpSchema.GetPromptResult prompt(String name, Map<String, Object> arguments);

    McpSchema.ReadResourceResult read(String uri);

    void ping();

    @Override
    void close();
}

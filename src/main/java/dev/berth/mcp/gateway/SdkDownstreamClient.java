package dev.berth.mcp.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A downstream connection through the official Java SDK client: used for stdio servers, where the SDK
 * runs the sandboxed {@code podman run --rm -i} and speaks the protocol on its pipes. The container lives
 * as long as this connection.
 */
final class SdkDownstreamClient implements DownstreamClient {
    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());

    private final McpSyncClient client;

    private SdkDownstreamClient(McpSyncClient client) {
        this.client = client;
    }
    /** Starts the server's container (the process ends with the connection, and --rm removes the container). */
    static SdkDownstreamClient stdio(McpServerDeclaration server, String containerName, Consumer<List<McpSchema.Tool>> toolsChanged) {
        ServerParameters.Builder params = ServerParameters.builder("podman")
                .args(server.launch().podmanRunArgs(server.name(), containerName));
        // the SDK passes only a few variables on; rootless podman also needs to find its runtime folder
        for (String name : List.of("XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "CONTAINERS_CONF",
                "CONTAINERS_STORAGE_CONF", "CONTAINERS_REGISTRIES_CONF")) {
            String value = System.getenv(name);
            if (value != null) {
                params.addEnvVar(name, value);
            }
        }
        StdioClientTransport transport = new StdioClientTransport(params.build(), JSON);
        // the last lines of stderr (podman's or the server's) explain a container that would not start
        java.util.Deque<String> stderr = new java.util.concurrent.ConcurrentLinkedDeque<>();
        transport.setStdErrorHandler(line -> {
            stderr.addLast(line);
            while (stderr.size() > 3) {
                stderr.pollFirst();
            }
        });
        try {
            return connect(transport, server, toolsChanged);
        } catch (RuntimeException e) {
            if (stderr.isEmpty()) {
                throw e;
            }
            throw new IllegalStateException(DownstreamServer.describe(e) + "; its stderr: " + String.join(" | ", stderr), e);
        }
    }

    private static SdkDownstreamClient connect(McpClientTransport transport, McpServerDeclaration server,
                                            Consumer<List<McpSchema.Tool>> toolsChanged) {
        McpSyncClient client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("berth-gateway", "1"))
                .requestTimeout(server.callTimeout())
                .initializationTimeout(server.isStdio() ? Duration.ofSeconds(60) : Duration.ofSeconds(10))
                .capabilities(McpSchema.ClientCapabilities.builder().build())
                .toolsChangeConsumer(toolsChanged)
                .build();
        try {
            client.initialize();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new SdkDownstreamClient(client);
    }

    @Override
    public List<McpSchema.Tool> tools() {
        List<McpSchema.Tool> out = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = client.listTools(cursor);
            out.addAll(page.tools());
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return out;
    }

    @Override
    public List<McpSchema.Prompt> prompts() {
        if (client.getServerCapabilities() == null || client.getServerCapabilities().prompts() == null) {
            return List.of();
        }
        List<McpSchema.Prompt> out = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListPromptsResult page = client.listPrompts(cursor);
            out.addAll(page.prompts());
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return out;
    }

    @Override
    public List<McpSchema.Resource> resources() {
        if (client.getServerCapabilities() == null || client.getServerCapabilities().resources() == null) {
            return List.of();
        }
        List<McpSchema.Resource> out = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListResourcesResult page = client.listResources(cursor);
            out.addAll(page.resources());
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return out;
    }

    @Override
    public McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments == null ? Map.of() : arguments));
    }

    @Override
    public McpSchema.GetPromptResult prompt(String name, Map<String, Object> arguments) {
        return client.getPrompt(new McpSchema.GetPromptRequest(name, arguments == null ? Map.of() : arguments));
    }

    @Override
    public McpSchema.ReadResourceResult read(String uri) {
        return client.readResource(new McpSchema.ReadResourceRequest(uri));
    }

    @Override
    public void ping() {
        client.ping();
    }

    @Override
    public void close() {
        try {
            if (!client.closeGracefully()) {
                client.close();
            }
        } catch (RuntimeException e) {
            client.close();
        }
    }
}

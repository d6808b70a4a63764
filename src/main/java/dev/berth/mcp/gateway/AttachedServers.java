package dev.berth.mcp.gateway;

import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The SDK servers the gateway offers its catalogue on (Berth's {@code /mcp} and {@code berth mcp}). Each
 * gets every served entry when attached, then only what changed: an entry left alone sends no
 * {@code list_changed} notification. Calls are forwarded by the catalogue current when they arrive.
 */
final class AttachedServers {
    private final List<McpSyncServer> servers = new CopyOnWriteArrayList<>();
    private final Supplier<ServedCatalogue> current;

    AttachedServers(Supplier<ServedCatalogue> current) {
        this.current = current;
    }

    void attach(McpSyncServer server, ServedCatalogue served) {
        servers.add(server);
        served.tools().definitions().forEach((name, tool) -> server.addTool(toolSpec(tool)));
        served.prompts().definitions().forEach((name, prompt) -> server.addPrompt(promptSpec(prompt)));
        served.resources().definitions().forEach((uri, resource) -> server.addResource(resourceSpec(resource)));
    }

    void detach(McpSyncServer server) {
        servers.remove(server);
    }

    /** Brings every attached server from {@code before} to {@code after}. */
    void update(ServedCatalogue before, ServedCatalogue after) {
        update(before.tools().definitions(), after.tools().definitions(), McpSyncServer::removeTool,
                (srv, t) -> srv.addTool(toolSpec(t)));
        update(before.prompts().definitions(), after.prompts().definitions(), McpSyncServer::removePrompt,
                (srv, p) -> srv.addPrompt(promptSpec(p)));
        update(before.resources().definitions(), after.resources().definitions(), McpSyncServer::removeResource,
                (srv, r) -> srv.addResource(resourceSpec(r)));
    }

    /** Removes what went or changed, adds what is new or changed; unchanged entries are left alone (no notification). */
    private <T> void update(Map<String, T> before, Map<String, T> after, BiConsumer<McpSyncServer, String> remove,
                            BiConsumer<McpSyncServer, T> add) {
        for (McpSyncServer srv : servers) {
            before.forEach((name, old) -> {
                if (!old.equals(after.get(name))) {
                    try {
                        remove.accept(srv, name);
                    } catch (RuntimeException e) {
                        // already gone from that server
                    }
                }
            });
            after.forEach((name, now) -> {
                if (!now.equals(before.get(name))) {
                    add.accept(srv, now);
                }
            });
        }
    }

    private SyncToolSpecification toolSpec(McpSchema.Tool tool) {
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> current.get().callTool(tool.name(),
                exchange, request.arguments())).build();
    }

    private SyncPromptSpecification promptSpec(McpSchema.Prompt prompt) {
        return new SyncPromptSpecification(prompt, (exchange, request) ->
                current.get().prompt(prompt.name(), exchange, request.arguments()));
    }

    private SyncResourceSpecification resourceSpec(McpSchema.Resource resource) {
        return new SyncResourceSpecification(resource, (exchange, request) -> current.get().read(resource.uri(), exchange));
    }
}

package dev.berth.mcp.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MCP client side Berth needs to front a downstream server, over any transport that can carry one
 * JSON-RPC request and bring back its answer: the handshake, listing (all pages), calls, prompts and
 * resources. Server-initiated messages are not listened for; the health check lists again instead.
 */
abstract class JsonRpcDownstream implements DownstreamClient {
    static final String PROTOCOL_VERSION = "2025-06-18";
    static final ObjectMapper JSON = Json.lenient();

    private final AtomicLong ids = new AtomicLong();
    private volatile String protocolVersion = PROTOCOL_VERSION;
    private volatile McpSchema.ServerCapabilities capabilities;

    /**
     * Sends one message; returns the JSON-RPC response with the same id, or null for a notification.
     * Throws a RuntimeException naming what went wrong (no answer in time, transport failure).
     */
    abstract JsonNode exchange(ObjectNode message, boolean expectResponse);

    String protocolVersion() {
        return protocolVersion;
    }

    /** The MCP handshake: initialize, then notifications/initialized. */
    void initialize() {
        ObjectNode params = JSON.createObjectNode();
        params.put("protocolVersion", PROTOCOL_VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "berth-gateway").put("version", "1");
        JsonNode init = request("initialize", params);
        protocolVersion = init.path("protocolVersion").asText(PROTOCOL_VERSION);
        capabilities = JSON.convertValue(init.path("capabilities"), McpSchema.ServerCapabilities.class);
        exchange(message(null, "notifications/initialized", null), false);
    }

    @Override
    public List<McpSchema.Tool> tools() {
        return pages("tools/list", "tools", McpSchema.Tool.class);
    }

    @Override
    public List<McpSchema.Prompt> prompts() {
        return capabilities == null || capabilities.prompts() == null ? List.of()
                : pages("prompts/list", "prompts", McpSchema.Prompt.class);
    }

    @Override
    public List<McpSchema.Resource> resources() {
        return capabilities == null || capabilities.resources() == null ? List.of()
                : pages("resources/list", "resources", McpSchema.Resource.class);
    }

    @Override
    public McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return JSON.convertValue(request("tools/call", named("name", tool, arguments)), McpSchema.CallToolResult.class);
    }

    @Override
    public McpSchema.GetPromptResult prompt(String name, Map<String, Object> arguments) {
        return JSON.convertValue(request("prompts/get", named("name", name, arguments)), McpSchema.GetPromptResult.class);
    }

    @Override
    public McpSchema.ReadResourceResult read(String uri) {
        ObjectNode params = JSON.createObjectNode().put("uri", uri);
        return JSON.convertValue(request("resources/read", params), McpSchema.ReadResourceResult.class);
    }

    @Override
    public void ping() {
        request("ping", null);
    }

    private static ObjectNode named(String key, String value, Map<String, Object> arguments) {
        ObjectNode params = JSON.createObjectNode().put(key, value);
        params.set("arguments", JSON.valueToTree(arguments == null ? Map.of() : arguments));
        return params;
    }

    /** Bounds of every listing; tests narrow them. */
    ListingLimits listingLimits() {
        return ListingLimits.DEFAULT;
    }

    /** All pages of a listing, within {@link #listingLimits()}: a server over a bound fails with {@link ListingLimits.ListingTooLarge}. */
    private <T> List<T> pages(String method, String field, Class<T> type) {
        ListingLimits limits = listingLimits();
        List<T> out = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        long bytes = 0;
        do {
            ObjectNode params = JSON.createObjectNode();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonNode page = request(method, params);
            JsonNode items = page.path(field);
            pages++;
            bytes += write(items).length;
            // checked before converting: a page of 100,000 entries is refused without building 100,000 objects
            limits.check(method, pages, out.size() + items.size(), bytes);
            for (JsonNode item : items) {
                out.add(JSON.convertValue(item, type));
            }
            cursor = page.path("nextCursor").isTextual() && !page.path("nextCursor").asText().isEmpty()
                    ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return out;
    }

    static ObjectNode message(Long id, String method, JsonNode params) {
        ObjectNode m = JSON.createObjectNode().put("jsonrpc", "2.0");
        if (id != null) {
            m.put("id", id);
        }
        m.put("method", method);
        if (params != null) {
            m.set("params", params);
        }
        return m;
    }

    /** One request and its result; a JSON-RPC error, a transport failure or a timeout is an exception. */
    JsonNode request(String method, JsonNode params) {
        long id = ids.incrementAndGet();
        JsonNode response = exchange(message(id, method, params), true);
        if (response == null || !response.isObject()) {
            throw new IllegalStateException(method + ": the server's answer is not a JSON-RPC response");
        }
        if (response.has("error")) {
            JsonNode e = response.get("error");
            throw new IllegalStateException(method + " failed: " + e.path("message").asText("error") + " (" + e.path("code").asInt() + ")");
        }
        JsonNode result = response.get("result");
        if (result == null) {
            throw new IllegalStateException(method + ": the server's answer has neither result nor error");
        }
        return result;
    }

    /** Whether this message is the answer to the request with this id (ids compared as text: 7 and 7L are one id). */
    static boolean answers(JsonNode message, JsonNode id) {
        return message != null && message.path("id").asText().equals(id.asText()) && (message.has("result") || message.has("error"));
    }

    static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

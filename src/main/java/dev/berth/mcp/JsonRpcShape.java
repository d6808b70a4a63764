package dev.berth.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Checks that a message is a JSON-RPC 2.0 request, notification or response before the SDK sees it: the
 * SDK ends a stdio session at a malformed line, and over HTTP answers one with a serialised Java exception.
 */
final class JsonRpcShape {
    private static final ObjectMapper JSON = Json.mapper();

    private JsonRpcShape() {
    }

    /** The JSON-RPC error object for a refused message, as a full response line (no newline). */
    static String errorResponse(int code, String message, JsonNode id) {
        try {
            return "{\"jsonrpc\":\"2.0\",\"id\":" + (id == null || id.isNull() ? "null" : id.toString())
                    + ",\"error\":{\"code\":" + code + ",\"message\":" + JSON.writeValueAsString(message) + "}}";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What to do with one input line. */
    /** @param parsed the message, when it is forwarded (so it is not parsed twice) */
    public record Verdict(boolean forward, int code, String message, JsonNode id, JsonNode parsed) {
        static final Verdict SKIP = new Verdict(false, 0, null, null);

        Verdict(boolean forward, int code, String message, JsonNode id) {
            this(forward, code, message, id, null);
        }
    }

    /**
     * Forward a JSON-RPC 2.0 request, notification or response; skip a blank line; answer anything else
     * with parse error (-32700) or invalid request (-32600), echoing the id when there is one.
     */
    public static Verdict check(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return Verdict.SKIP;
        }
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (IOException e) {
            return new Verdict(false, -32700, "parse error: the line is not JSON", null);
        }
        if (n == null || !n.isObject()) {
            return new Verdict(false, -32600, "invalid request: a message must be one JSON object (batches are not supported)", null);
        }
        JsonNode id = n.get("id");
        boolean idOk = id == null || id.isTextual() || id.isIntegralNumber();
        if (!"2.0".equals(n.path("jsonrpc").asText(null)) || !idOk) {
            return new Verdict(false, -32600, "invalid request: needs \"jsonrpc\": \"2.0\" and a string or integer id", idOk ? id : null);
        }
        boolean request = n.path("method").isTextual();
        boolean response = id != null && (n.has("result") || n.has("error"));
        if (!request && !response) {
            return new Verdict(false, -32600, "invalid request: no method (and not a response)", id);
        }
        if (request && n.has("params") && !n.get("params").isObject()) {
            return new Verdict(false, -32602, "invalid params: params must be an object", id);
        }
        return new Verdict(true, 0, null, null, n);
    }
}

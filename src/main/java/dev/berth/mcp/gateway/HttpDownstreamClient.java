package dev.berth.mcp.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;


/**
 * A downstream connection over Streamable HTTP, kept lean on purpose: each request is one POST on a
 * kept-alive HTTP/1.1 connection, answered as JSON or as an SSE stream that carries the response. Measured
 * on the test host against server-everything, the MCP Java SDK client took 7.8–9.4 ms per call where this
 * takes 1.6–2.8 ms (BENCHMARKS.md), and forwarding is the gateway's hot path. Server-initiated messages
 * are not listened for: the health check lists the tools again every couple of seconds instead, which also
 * catches a server that changes its tools without saying so.
 */
final class HttpDownstreamClient implements DownstreamClient {
    static final String PROTOCOL_VERSION = "2025-06-18";
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "berth-mcp-http-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final URI endpoint;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();
    private volatile String sessionId;
    private volatile String protocolVersion = PROTOCOL_VERSION;
    private volatile McpSchema.ServerCapabilities capabilities;

    private HttpDownstreamClient(URI endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    /** Connects and initialises (the MCP handshake); throws when the server does not answer. */
    static HttpDownstreamClient connect(McpServerDeclaration server) {
        HttpDownstreamClient c = new HttpDownstreamClient(server.endpoint(), server.callTimeout());
        ObjectNode params = JSON.createObjectNode();
        params.put("protocolVersion", PROTOCOL_VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "berth-gateway").put("version", "1");
        JsonNode init = c.request("initialize", params);
        c.protocolVersion = init.path("protocolVersion").asText(PROTOCOL_VERSION);
        c.capabilities = JSON.convertValue(init.path("capabilities"), McpSchema.ServerCapabilities.class);
        c.post(message(null, "notifications/initialized", null), false);
        return c;
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

    /** Ends the session on the server (best effort: the server may already be gone). */
    @Override
    public void close() {
        String id = sessionId;
        if (id != null) {
            HTTP.sendAsync(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).header("Mcp-Session-Id", id)
                    .header("MCP-Protocol-Version", protocolVersion).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    private static ObjectNode named(String key, String value, Map<String, Object> arguments) {
        ObjectNode params = JSON.createObjectNode().put(key, value);
        params.set("arguments", JSON.valueToTree(arguments == null ? Map.of() : arguments));
        return params;
    }

    private <T> List<T> pages(String method, String field, Class<T> type) {
        List<T> out = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode params = JSON.createObjectNode();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonNode page = request(method, params);
            for (JsonNode item : page.path(field)) {
                out.add(JSON.convertValue(item, type));
            }
            cursor = page.path("nextCursor").isTextual() && !page.path("nextCursor").asText().isEmpty()
                    ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return out;
    }

    private static ObjectNode message(Long id, String method, JsonNode params) {
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

    /** One request and its result; a JSON-RPC error, an HTTP error or a timeout is an exception. */
    JsonNode request(String method, JsonNode params) {
        long id = ids.incrementAndGet();
        JsonNode response = post(message(id, method, params), true);
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

    private JsonNode post(ObjectNode message, boolean expectResponse) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(write(message)));
        String session = sessionId;
        if (session != null) {
            b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", protocolVersion);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<InputStream> response;
        try {
            response = HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream()).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause() == null ? e.toString() : String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        InputStream body = response.body();
        // a server that sends headers and then stalls is cut off at the same deadline
        ScheduledFuture<?> cutOff = WATCHDOG.schedule(() -> closeQuietly(body),
                Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try (body) {
            response.headers().firstValue("Mcp-Session-Id").ifPresent(s -> sessionId = s);
            int status = response.statusCode();
            if (status == 202 || !expectResponse && status / 100 == 2) {
                return null;
            }
            if (status != 200) {
                String text = new String(body.readNBytes(300), StandardCharsets.UTF_8).strip();
                throw new IllegalStateException("HTTP " + status + (status == 404 && session != null ? " (session ended)" : "")
                        + (text.isEmpty() ? "" : ": " + text));
            }
            InputStream limited = new LimitedInputStream(body, MAX_RESPONSE);
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode answer = type.startsWith("text/event-stream") ? fromEvents(limited, message.path("id"))
                    : JSON.readTree(limited);
            if (answer == null || !answer.isObject()) {
                throw new IllegalStateException("the server's answer is not a JSON-RPC response");
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(System.nanoTime() >= deadline ? "no complete answer within " + timeout.toMillis()
                    + " ms" : e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            cutOff.cancel(false);
        }
    }

    /** Reads SSE events until the one that answers this request (notifications on the stream are skipped). */
    private static JsonNode fromEvents(InputStream in, JsonNode id) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        for (String line = reader.readLine(); ; line = reader.readLine()) {
            if (line == null || line.isEmpty()) {
                if (data.length() > 0) {
                    JsonNode event = JSON.readTree(data.toString());
                    data.setLength(0);
                    if (event != null && event.path("id").asText().equals(id.asText()) && (event.has("result") || event.has("error"))) {
                        return event;
                    }
                }
                if (line == null) {
                    throw new IOException("the server's event stream ended without an answer");
                }
            } else if (line.startsWith("data:")) {
                data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5)).append('\n');
            }
        }
    }

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // cutting off a stalled answer
        }
    }

    /** Fails once more than {@code limit} bytes were read: a huge answer fails its call, not Berth's memory. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private long left;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw tooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0 && (left -= n) < 0) {
                throw tooLarge();
            }
            return n;
        }

        private static IOException tooLarge() {
            return new IOException("the answer is larger than " + MAX_RESPONSE / (1024 * 1024) + " MiB");
        }
    }

}

package dev.berth.mcp.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.mcp.declaration.McpServerDeclaration;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;


/**
 * A downstream connection over Streamable HTTP, kept lean on purpose: each request is one POST on a
 * kept-alive HTTP/1.1 connection, answered as JSON or as an SSE stream that carries the response. Measured
 * on the test host against server-everything, the MCP Java SDK client took 7.8–9.4 ms per call where this
 * takes 1.6–2.8 ms (BENCHMARKS.md), and forwarding is the gateway's hot path. Server-initiated messages
 * are not listened for: the health check lists the tools again every couple of seconds instead, which also
 * catches a server that changes its tools without saying so.
 */
final class HttpDownstreamClient extends JsonRpcDownstream {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "berth-mcp-http-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final URI endpoint;
    private final Duration timeout;
    private volatile String sessionId;

    private HttpDownstreamClient(URI endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    /** Connects and initialises (the MCP handshake); throws when the server does not answer. */
    static HttpDownstreamClient connect(McpServerDeclaration server) {
        HttpDownstreamClient c = new HttpDownstreamClient(server.endpoint(), server.callTimeout());
        c.initialize();
        return c;
    }

    /** Ends the session on the server (best effort: the server may already be gone). */
    @Override
    public void close() {
        String id = sessionId;
        if (id != null) {
            HTTP.sendAsync(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).header("Mcp-Session-Id", id)
                    .header("MCP-Protocol-Version", protocolVersion()).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    @Override
    JsonNode exchange(ObjectNode message, boolean expectResponse) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(write(message)));
        String session = sessionId;
        if (session != null) {
            b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", protocolVersion());
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
                    if (answers(event, id)) {
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

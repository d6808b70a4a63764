package dev.berth.mcp.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.host.Podman;
import dev.berth.mcp.declaration.McpServerDeclaration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A stdio MCP server in its sandboxed container: {@code podman run --rm -i ...} started by Berth, one
 * JSON-RPC message per line on its stdin and stdout. Berth owns the process, so a container that exits
 * (an image that cannot be pulled, a server that crashes) fails every waiting request at once with podman's
 * or the server's last words from stderr, instead of each waiting out its timeout. Closing the connection
 * closes stdin: the server ends, and {@code --rm} removes the container.
 */
final class StdioDownstreamClient extends JsonRpcDownstream {
    /** The first start may pull the image. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final int STDERR_LINES = 5;

    private final Process process;
    private final OutputStream stdin;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Deque<String> stderr = new ConcurrentLinkedDeque<>();
    private volatile Duration timeout = START_TIMEOUT;
    private volatile String ended;

    private StdioDownstreamClient(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
    }

    static StdioDownstreamClient start(Podman podman, McpServerDeclaration server, String containerName) {
        Process process;
        try {
            process = podman.startAttached(server.launch().podmanRunArgs(server.name(), containerName));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run podman: " + e.getMessage(), e);
        }
        StdioDownstreamClient c = new StdioDownstreamClient(process);
        c.readErrors(process.getErrorStream());
        c.readAnswers(process.getInputStream());
        try {
            c.initialize();
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        c.timeout = server.callTimeout();
        return c;
    }

    @Override
    JsonNode exchange(ObjectNode message, boolean expectResponse) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        String id = message.path("id").asText();
        if (expectResponse) {
            pending.put(id, answer);
        }
        try {
            if (ended != null) {
                throw new IllegalStateException(ended);
            }
            byte[] line = write(message);
            synchronized (stdin) {
                stdin.write(line);
                stdin.write('\n');
                stdin.flush();
            }
            if (!expectResponse) {
                return null;
            }
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            throw new IllegalStateException(ended != null ? ended : "cannot write to the server: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } finally {
            pending.remove(id);
        }
    }

    private void readAnswers(InputStream out) {
        Thread.ofPlatform().daemon().name("berth-mcp-stdio-out").start(() -> {
            try (out) {
                for (byte[] line = readLine(out); line != null; line = readLine(out)) {
                    dispatch(line);
                }
            } catch (IOException e) {
                // the process went away: reported below
            }
            end();
        });
    }

    private void dispatch(byte[] line) {
        JsonNode message;
        try {
            message = JSON.readTree(line);
        } catch (IOException e) {
            return; // not protocol (a server printing to stdout by mistake): skipped, as the SDKs do
        }
        if (message == null || !message.isObject()) {
            return;
        }
        if (message.has("method") && message.has("id")) {
            // a request from the server (sampling, roots, elicitation): Berth offers none of these
            ObjectNode refusal = JSON.createObjectNode().put("jsonrpc", "2.0");
            refusal.set("id", message.get("id"));
            refusal.putObject("error").put("code", -32601).put("message", "Berth's gateway does not offer " + message.path("method").asText());
            try {
                synchronized (stdin) {
                    stdin.write(write(refusal));
                    stdin.write('\n');
                    stdin.flush();
                }
            } catch (IOException e) {
                // the process is ending
            }
            return;
        }
        CompletableFuture<JsonNode> waiting = pending.get(message.path("id").asText());
        if (waiting != null && answers(message, message.path("id"))) {
            waiting.complete(message);
        }
    }

    /** One line of stdout, at most {@link #MAX_RESPONSE} bytes; a longer one ends the connection. */
    private byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toByteArray();
            }
            if (b == '\n') {
                return line.toByteArray();
            }
            line.write(b);
            if (line.size() > MAX_RESPONSE) {
                ended = "the server sent a message larger than " + MAX_RESPONSE / (1024 * 1024) + " MiB; its container was stopped";
                process.destroy();
                throw new IOException(ended);
            }
        }
    }

    private void readErrors(InputStream err) {
        Thread.ofPlatform().daemon().name("berth-mcp-stdio-err").start(() -> {
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(err, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    stderr.addLast(line.length() > 300 ? line.substring(0, 300) + "..." : line);
                    while (stderr.size() > STDERR_LINES) {
                        stderr.pollFirst();
                    }
                }
            } catch (IOException e) {
                // ends with the process
            }
        });
    }

    /** The process closed its stdout: every waiting request fails now, with what it said on stderr. */
    private void end() {
        String reason = ended;
        if (reason == null) {
            Integer code = null;
            try {
                if (process.waitFor(2, TimeUnit.SECONDS)) {
                    code = process.exitValue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reason = "the server's container exited" + (code == null ? "" : " (status " + code + ")")
                    + (stderr.isEmpty() ? "" : ": " + String.join(" | ", stderr));
            ended = reason;
        }
        IllegalStateException failure = new IllegalStateException(reason);
        pending.values().forEach(f -> f.completeExceptionally(failure));
    }

    @Override
    public void close() {
        if (ended == null) {
            ended = "connection closed by Berth";
        }
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroy(); // podman passes SIGTERM on to the container
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        });
    }
}

package dev.berth.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Sits between stdin and the SDK's stdio transport. The SDK gives up on the whole session at one line that
 * is not JSON; here such a line (or one over the size limit) gets a JSON-RPC error of its own and the
 * session goes on. Output lines are written whole, so our error replies never cut into the SDK's messages.
 */
final class StdioFraming {
    static final int MAX_LINE = McpHttpServer.MAX_BODY;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Object writeLock = new Object();
    private final OutputStream out;

    StdioFraming(OutputStream out) {
        this.out = out;
    }

    /** An output stream for the SDK that hands over complete lines only. */
    OutputStream lineWriter() {
        return new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) throws IOException {
                line.write(b);
                if (b == '\n') {
                    emit();
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = off; i < off + len; i++) {
                    write(b[i]);
                }
            }

            private void emit() throws IOException {
                synchronized (writeLock) {
                    line.writeTo(out);
                    out.flush();
                }
                line.reset();
            }

            @Override
            public void flush() {
                // lines are flushed as they complete
            }
        };
    }

    /**
     * Copies well-formed lines from {@code in} to {@code to}, answering bad ones itself; returns at end of input.
     */
    void pump(InputStream in, OutputStream to) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        int b;
        while ((b = in.read()) >= 0) {
            if (b != '\n') {
                if (line.size() < MAX_LINE) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
                continue;
            }
            Verdict v = tooLong ? new Verdict(false, -32600, "request larger than " + MAX_LINE + " bytes", null)
                    : check(line.toByteArray());
            if (v.forward()) {
                line.write('\n');
                line.writeTo(to);
                to.flush();
            } else if (v.message() != null) {
                reply(v.code(), v.message(), v.id());
            }
            line.reset();
            tooLong = false;
        }
    }

    /** What to do with one input line. */
    record Verdict(boolean forward, int code, String message, JsonNode id) {
        static final Verdict FORWARD = new Verdict(true, 0, null, null);
        static final Verdict SKIP = new Verdict(false, 0, null, null);
    }

    /**
     * Forward a JSON-RPC 2.0 request, notification or response; skip a blank line; answer anything else
     * with parse error (-32700) or invalid request (-32600), echoing the id when there is one.
     */
    static Verdict check(byte[] line) {
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
        return Verdict.FORWARD;
    }

    private void reply(int code, String message, JsonNode id) throws IOException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + (id == null || id.isNull() ? "null" : id.toString()) + ",\"error\":{\"code\":" + code + ",\"message\":"
                + JSON.writeValueAsString(message) + "}}\n";
        synchronized (writeLock) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}

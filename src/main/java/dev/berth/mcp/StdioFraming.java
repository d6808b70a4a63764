package dev.berth.mcp;

import com.fasterxml.jackson.databind.JsonNode;
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
            JsonRpcShape.Verdict v = tooLong ? new JsonRpcShape.Verdict(false, -32600, "request larger than " + MAX_LINE + " bytes", null)
                    : JsonRpcShape.check(line.toByteArray());
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

    private void reply(int code, String message, JsonNode id) throws IOException {
        String body = JsonRpcShape.errorResponse(code, message, id) + "\n";
        synchronized (writeLock) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}

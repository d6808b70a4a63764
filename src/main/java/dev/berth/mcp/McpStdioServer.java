package dev.berth.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code berth mcp}: one client on stdin/stdout; returns when the client has closed stdin and every call has ended. */
public final class McpStdioServer {
    /** A sync or rollback that is under way is let finish, up to this long, before the process ends. */
    private static final Duration DRAIN = Duration.ofMinutes(10);

    private McpStdioServer() {
    }

    public static void serve(BerthMcpServer berth, InputStream in, OutputStream out) throws IOException, InterruptedException {
        StdioFraming framing = new StdioFraming(out);
        CountDownLatch sdkSawEnd = new CountDownLatch(1);
        PipedInputStream pipe = new PipedInputStream(StdioFraming.MAX_LINE + 1);
        PipedOutputStream feed = new PipedOutputStream(pipe);
        InputStream toSdk = new FilterInputStream(pipe) {
            @Override
            public int read() throws IOException {
                return seen(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return seen(super.read(b, off, len));
            }

            private int seen(int n) {
                if (n < 0) {
                    sdkSawEnd.countDown();
                }
                return n;
            }
        };
        StdioServerTransportProvider transport = new StdioServerTransportProvider(berth.jsonMapper(), toSdk, framing.lineWriter());
        McpSyncServer server = berth.attach(berth.configure(McpServer.sync(transport)).build());
        try {
            framing.pump(in, feed);
        } finally {
            feed.close();
            // the SDK reads what is left, then its calls finish; only then stop
            sdkSawEnd.await(30, TimeUnit.SECONDS);
            berth.awaitIdle(DRAIN);
            server.closeGracefully();
            berth.close();
        }
    }
}

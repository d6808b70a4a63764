package dev.berth.mcp;

import dev.berth.http.HttpEndpoint;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.time.Duration;
import java.util.Map;

/**
 * The MCP endpoint served by the daemon: Streamable HTTP at {@code /mcp}, the SDK's servlet in an embedded
 * Tomcat ({@link HttpEndpoint}), behind {@link GuardFilter} (Host/Origin, bearer or OAuth token, body size,
 * requests and bytes in flight, sessions).
 */
public final class McpHttpServer implements AutoCloseable {
    public static final String ENDPOINT = "/mcp";
    public static final int MAX_BODY = 1024 * 1024;
    public static final int MAX_IN_FLIGHT = 32;
    /** Request bodies held at once: four of the largest; a 96 MiB heap holds several times that while they are parsed. */
    public static final long MAX_BODY_BYTES_IN_FLIGHT = 4L * MAX_BODY;

    private final HttpEndpoint http;
    private final McpSyncServer server;
    private final BerthMcpServer berth;
    private final java.util.concurrent.ScheduledExecutorService expiry;

    private McpHttpServer(BerthMcpServer berth, HttpEndpoint http, McpSyncServer server,
                          java.util.concurrent.ScheduledExecutorService expiry) {
        this.berth = berth;
        this.http = http;
        this.server = server;
        this.expiry = expiry;
    }

    public static McpHttpServer start(BerthMcpServer berth, ListenAddress listen, RequestGuard guard) throws Exception {
        return start(berth, listen, guard, SessionLimits.DEFAULT);
    }

    public static McpHttpServer start(BerthMcpServer berth, ListenAddress listen, RequestGuard guard, SessionLimits limits)
            throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(berth.jsonMapper())
                .mcpEndpoint(ENDPOINT)
                .maxRequestSize(MAX_BODY)
                .keepAliveInterval(Duration.ofSeconds(30))
                // the SDK closes sessions idle for one interval; the guard refuses them from the idle limit on
                .sessionSweepInterval(limits.idle())
                .contextExtractor(req -> McpTransportContext.create(Map.of(BerthMcpServer.CALLER,
                        String.valueOf(req.getAttribute(BerthMcpServer.CALLER)),
                        BerthMcpServer.CAN_WRITE, Boolean.TRUE.equals(req.getAttribute(BerthMcpServer.CAN_WRITE)))))
                .build();
        SessionRegistry sessions = new SessionRegistry(limits, System::nanoTime);
        // Tool handlers run on Tomcat's request thread (bounded by MAX_IN_FLIGHT): one hand-off less per call.
        McpSyncServer server = berth.attach(berth.configure(McpServer.sync(transport)).immediateExecution(true).build());

        HttpEndpoint.Builder http = HttpEndpoint.builder().listen(listen.host(), listen.port())
                .limits(new HttpEndpoint.ConnectorLimits(64, 20_000, 16_384))
                .servlet("mcp", transport, ENDPOINT);
        if (guard.oauth() != null) {
            http.servlet("oauth-metadata", new MetadataServlet(guard), ProtectedResourceMetadata.PATH,
                    ProtectedResourceMetadata.PATH + "/*");
        }
        http.filter("guard", new GuardFilter(guard, MAX_IN_FLIGHT, MAX_BODY_BYTES_IN_FLIGHT, sessions, berth::sessionEnded,
                berth::writes), "/*");
        HttpEndpoint endpoint;
        try {
            endpoint = http.start();
        } catch (java.io.IOException e) {
            server.close();
            berth.close();
            throw e;
        }
        // expired sessions let go of what they hold: the stdio containers the gateway started for them
        java.util.concurrent.ScheduledExecutorService expiry = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("mcp-session-expiry").unstarted(r));
        long every = Math.max(1000, Math.min(limits.idle().toMillis() / 2, 30_000));
        expiry.scheduleWithFixedDelay(() -> sessions.expire().forEach(berth::sessionEnded), every, every,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        return new McpHttpServer(berth, endpoint, server, expiry);
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        expiry.shutdownNow();
        try {
            server.closeGracefully();
            http.close();
        } finally {
            berth.close();
        }
    }
}

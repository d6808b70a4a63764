package dev.berth.mcp;

import dev.berth.http.HttpEndpoint;
import dev.berth.http.Mount;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * MCP on a listener: Streamable HTTP at {@code /mcp} (the SDK's servlet) and, with OAuth, the protected-resource
 * metadata, behind {@link GuardFilter} (Host/Origin, bearer or OAuth token, body size, requests and bytes in
 * flight, sessions). The guard covers these paths only, so other features can share the listener.
 */
public final class McpMount implements Mount {
    private final BerthMcpServer berth;
    private final RequestGuard guard;
    private final HttpServletStreamableServerTransportProvider transport;
    private final SessionRegistry sessions;
    private final McpSyncServer server;
    private final ScheduledExecutorService expiry;
    private final String description;

    /** @param description how it is set up, for the daemon's log (access, tools, token, limits) */
    public McpMount(BerthMcpServer berth, RequestGuard guard, SessionLimits limits, String description) {
        this.berth = berth;
        this.description = description;
        this.guard = guard;
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(berth.jsonMapper())
                .mcpEndpoint(McpHttpServer.ENDPOINT)
                .maxRequestSize(McpHttpServer.MAX_BODY)
                .keepAliveInterval(Duration.ofSeconds(30))
                // the SDK closes sessions idle for one interval; the guard refuses them from the idle limit on
                .sessionSweepInterval(limits.idle())
                .contextExtractor(req -> McpTransportContext.create(Map.of(BerthMcpServer.CALLER,
                        String.valueOf(req.getAttribute(BerthMcpServer.CALLER)),
                        BerthMcpServer.CAN_WRITE, Boolean.TRUE.equals(req.getAttribute(BerthMcpServer.CAN_WRITE)))))
                .build();
        this.sessions = new SessionRegistry(limits, System::nanoTime);
        // Tool handlers run on Tomcat's request thread (bounded by MAX_IN_FLIGHT): one hand-off less per call.
        this.server = berth.attach(berth.configure(McpServer.sync(transport)).immediateExecution(true).build());
        // expired sessions let go of what they hold: the stdio containers the gateway started for them
        this.expiry = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("mcp-session-expiry").unstarted(r));
        long every = Math.max(1000, Math.min(limits.idle().toMillis() / 2, 30_000));
        expiry.scheduleWithFixedDelay(() -> sessions.expire().forEach(berth::sessionEnded), every, every, TimeUnit.MILLISECONDS);
    }

    /** The OAuth issuer's tokens this endpoint accepts, or null when it takes only the static token. */
    public AccessTokens oauth() {
        return guard.oauth();
    }

    public String description() {
        return description;
    }

    @Override
    public void mountOn(HttpEndpoint.Builder http) {
        http.servlet("mcp", transport, McpHttpServer.ENDPOINT);
        if (guard.oauth() != null) {
            http.servlet("oauth-metadata", new MetadataServlet(guard), ProtectedResourceMetadata.PATH,
                    ProtectedResourceMetadata.PATH + "/*");
        }
        http.filter("mcp-guard", new GuardFilter(guard, McpHttpServer.MAX_IN_FLIGHT, McpHttpServer.MAX_BODY_BYTES_IN_FLIGHT,
                        sessions, berth::sessionEnded, berth::writes),
                McpHttpServer.ENDPOINT, McpHttpServer.ENDPOINT + "/*", ProtectedResourceMetadata.PATH,
                ProtectedResourceMetadata.PATH + "/*");
    }

    @Override
    public void close() {
        expiry.shutdownNow();
        try {
            server.closeGracefully();
        } finally {
            berth.close();
        }
    }
}

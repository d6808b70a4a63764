package dev.berth.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * The MCP endpoint served by the daemon: Streamable HTTP at {@code /mcp}, the SDK's servlet in an embedded
 * Tomcat, behind {@link GuardFilter} (Host/Origin, bearer or OAuth token, body size, requests and bytes in
 * flight, sessions).
 */
public final class McpHttpServer implements AutoCloseable {
    public static final String ENDPOINT = "/mcp";
    public static final int MAX_BODY = 1024 * 1024;
    public static final int MAX_IN_FLIGHT = 32;
    /** Request bodies held at once: four of the largest; a 96 MiB heap holds several times that while they are parsed. */
    public static final long MAX_BODY_BYTES_IN_FLIGHT = 4L * MAX_BODY;

    /** Tomcat logs every start step at INFO; the daemon's log wants only trouble. Held here so the setting sticks. */
    private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

    private final Tomcat tomcat;
    private final McpSyncServer server;
    private final Path baseDir;
    private final BerthMcpServer berth;
    private final java.util.concurrent.ScheduledExecutorService expiry;

    private McpHttpServer(BerthMcpServer berth, Tomcat tomcat, McpSyncServer server, Path baseDir,
                          java.util.concurrent.ScheduledExecutorService expiry) {
        this.berth = berth;
        this.tomcat = tomcat;
        this.server = server;
        this.baseDir = baseDir;
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

        TOMCAT_LOG.setLevel(java.util.logging.Level.WARNING);
        Path baseDir = Files.createTempDirectory("berth-mcp-http");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(listen.port());
        connector.setProperty("address", listen.host());
        connector.setProperty("maxThreads", "64");
        connector.setProperty("connectionTimeout", "20000");
        connector.setProperty("maxHttpHeaderSize", "16384");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", baseDir.toString());
        Tomcat.addServlet(ctx, "mcp", transport).setAsyncSupported(true);
        ctx.addServletMappingDecoded(ENDPOINT, "mcp");
        if (guard.oauth() != null) {
            Tomcat.addServlet(ctx, "oauth-metadata", new MetadataServlet(guard));
            ctx.addServletMappingDecoded(ProtectedResourceMetadata.PATH, "oauth-metadata");
            ctx.addServletMappingDecoded(ProtectedResourceMetadata.PATH + "/*", "oauth-metadata");
        }
        FilterDef def = new FilterDef();
        def.setFilterName("guard");
        def.setFilter(new GuardFilter(guard, MAX_IN_FLIGHT, MAX_BODY_BYTES_IN_FLIGHT, sessions, berth::sessionEnded,
                berth::writes));
        def.setAsyncSupported("true");
        ctx.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("guard");
        map.addURLPattern("/*");
        ctx.addFilterMap(map);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            server.close();
            berth.close();
            throw e;
        }
        if (connector.getLocalPort() < 0) {
            tomcat.stop();
            tomcat.destroy();
            server.close();
            berth.close();
            throw new java.io.IOException("cannot listen on " + listen.host() + ":" + listen.port()
                    + " (in use, or not an address of this host)");
        }
        // expired sessions let go of what they hold: the stdio containers the gateway started for them
        java.util.concurrent.ScheduledExecutorService expiry = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("mcp-session-expiry").unstarted(r));
        long every = Math.max(1000, Math.min(limits.idle().toMillis() / 2, 30_000));
        expiry.scheduleWithFixedDelay(() -> sessions.expire().forEach(berth::sessionEnded), every, every,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        return new McpHttpServer(berth, tomcat, server, baseDir, expiry);
    }

    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() {
        expiry.shutdownNow();
        try {
            server.closeGracefully();
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // stopping anyway
        } finally {
            berth.close();
            try {
                dev.berth.host.FileTrees.deleteRecursively(baseDir);
            } catch (java.io.IOException ignored) {
                // a temp folder
            }
        }
    }
}

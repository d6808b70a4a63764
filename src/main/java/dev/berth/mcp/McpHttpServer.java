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
 * Tomcat, behind {@link GuardFilter} (Host/Origin, bearer token, body size, requests in flight).
 */
public final class McpHttpServer implements AutoCloseable {
    public static final String ENDPOINT = "/mcp";
    public static final int MAX_BODY = 1024 * 1024;
    public static final int MAX_IN_FLIGHT = 32;

    /** Tomcat logs every start step at INFO; the daemon's log wants only trouble. Held here so the setting sticks. */
    private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

    private final Tomcat tomcat;
    private final McpSyncServer server;
    private final Path baseDir;
    private final BerthMcpServer berth;

    private McpHttpServer(BerthMcpServer berth, Tomcat tomcat, McpSyncServer server, Path baseDir) {
        this.berth = berth;
        this.tomcat = tomcat;
        this.server = server;
        this.baseDir = baseDir;
    }

    public static McpHttpServer start(BerthMcpServer berth, ListenAddress listen, RequestGuard guard) throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(berth.jsonMapper())
                .mcpEndpoint(ENDPOINT)
                .maxRequestSize(MAX_BODY)
                .keepAliveInterval(Duration.ofSeconds(30))
                .contextExtractor(req -> McpTransportContext.create(Map.of(BerthMcpServer.CALLER,
                        String.valueOf(req.getAttribute(BerthMcpServer.CALLER)))))
                .build();
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
        FilterDef def = new FilterDef();
        def.setFilterName("guard");
        def.setFilter(new GuardFilter(guard, MAX_IN_FLIGHT, berth::sessionEnded));
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
        return new McpHttpServer(berth, tomcat, server, baseDir);
    }

    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() {
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

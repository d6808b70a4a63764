package dev.berth.mcp.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.Filter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * A real MCP server over Streamable HTTP on a loopback port (the official Java SDK in an embedded Tomcat),
 * standing in for a downstream server in the gateway's unit tests: an {@code echo} tool (read-only), a
 * {@code wipe} tool (not read-only) and a {@code slow} tool. It records every request's headers.
 */
final class DownstreamFixture implements AutoCloseable {
    final List<Map<String, String>> requestHeaders = new CopyOnWriteArrayList<>();
    /** How many calls of the {@code slow} tool have begun: what a test waits for instead of sleeping. */
    final java.util.concurrent.atomic.AtomicInteger slowCallsStarted = new java.util.concurrent.atomic.AtomicInteger();
    private final Tomcat tomcat;
    private final McpSyncServer server;
    private final Path base;

    DownstreamFixture(int port, String echoDescription) throws Exception {
        var json = new JacksonMcpJsonMapper(new ObjectMapper());
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json).mcpEndpoint("/mcp").build();
        server = McpServer.sync(transport).serverInfo("fixture", "1").jsonMapper(json)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tool("echo", echoDescription, true, args -> "echo: " + args.get("text")),
                        tool("wipe", "Deletes everything", false, args -> "wiped"),
                        tool("slow", "Sleeps", true, args -> {
                            slowCallsStarted.incrementAndGet();
                            try {
                                Thread.sleep(Long.parseLong(String.valueOf(args.getOrDefault("ms", "0"))));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return "slept";
                        }))
                .build();
        base = Files.createTempDirectory("fixture-mcp");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", base.toString());
        Tomcat.addServlet(ctx, "mcp", transport).setAsyncSupported(true);
        ctx.addServletMappingDecoded("/mcp", "mcp");
        FilterDef def = new FilterDef();
        def.setFilterName("record");
        def.setFilter((Filter) (request, response, chain) -> {
            var http = (jakarta.servlet.http.HttpServletRequest) request;
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            java.util.Collections.list(http.getHeaderNames()).forEach(h -> headers.put(h, http.getHeader(h)));
            requestHeaders.add(headers);
            chain.doFilter(request, response);
        });
        def.setAsyncSupported("true");
        ctx.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("record");
        map.addURLPattern("/*");
        ctx.addFilterMap(map);
        tomcat.start();
    }

    int port() {
        return tomcat.getConnector().getLocalPort();
    }

    private static SyncToolSpecification tool(String name, String description, boolean readOnly,
                                              java.util.function.Function<Map<String, Object>, String> body) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string"),
                        "ms", Map.of("type", "integer"))))
                .annotations(new McpSchema.ToolAnnotations(null, readOnly, null, null, null, null))
                .build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) ->
                McpSchema.CallToolResult.builder().addTextContent(body.apply(request.arguments())).build()).build();
    }

    @Override
    public void close() throws Exception {
        server.close();
        tomcat.stop();
        tomcat.destroy();
        dev.berth.host.FileTrees.deleteRecursively(base);
    }
}

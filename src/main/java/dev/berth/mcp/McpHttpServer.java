package dev.berth.mcp;

import dev.berth.http.HttpEndpoint;
import java.io.IOException;

/**
 * The MCP endpoint on a listener of its own ({@code berth run --mcp-listen}): an embedded Tomcat
 * ({@link HttpEndpoint}) with only the {@link McpMount}. On the daemon's one listener ({@code --listen}) the
 * same mount sits beside the console and the metrics.
 */
public final class McpHttpServer implements AutoCloseable {
    public static final String ENDPOINT = "/mcp";
    public static final int MAX_BODY = 1024 * 1024;
    public static final int MAX_IN_FLIGHT = 32;
    /** Request bodies held at once: four of the largest; a 96 MiB heap holds several times that while they are parsed. */
    public static final long MAX_BODY_BYTES_IN_FLIGHT = 4L * MAX_BODY;
    /** Request threads above {@link #MAX_IN_FLIGHT}: long-lived event streams hold threads too. */
    public static final HttpEndpoint.ConnectorLimits LIMITS = new HttpEndpoint.ConnectorLimits(64, 20_000, 16_384);

    private final HttpEndpoint http;
    private final McpMount mount;

    private McpHttpServer(HttpEndpoint http, McpMount mount) {
        this.http = http;
        this.mount = mount;
    }

    public static McpHttpServer start(BerthMcpServer berth, ListenAddress listen, RequestGuard guard) throws Exception {
        return start(berth, listen, guard, SessionLimits.DEFAULT);
    }

    public static McpHttpServer start(BerthMcpServer berth, ListenAddress listen, RequestGuard guard, SessionLimits limits)
            throws Exception {
        return start(new McpMount(berth, guard, limits, ""), listen);
    }

    /** Serves {@code mount} alone on {@code listen}; closes it when the address cannot be bound. */
    public static McpHttpServer start(McpMount mount, ListenAddress listen) throws IOException {
        try {
            return new McpHttpServer(HttpEndpoint.builder().listen(listen.host(), listen.port()).limits(LIMITS)
                    .mount(mount).start(), mount);
        } catch (IOException e) {
            mount.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        try {
            mount.close(); // sessions end gracefully while the connector still runs
        } finally {
            http.close();
        }
    }
}

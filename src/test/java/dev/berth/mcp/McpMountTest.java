package dev.berth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.http.HttpEndpoint;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** MCP as one mount of a shared listener: its guard covers /mcp and the OAuth metadata, and nothing else. */
class McpMountTest {
    private static final McpToken TOKEN = new McpToken("b".repeat(64));
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private static final class Other extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().print("other " + req.getRequestURI());
        }
    }

    @Test
    void theGuardCoversOnlyTheMcpPathsOfTheListener() throws Exception {
        BerthMcpServer server = new BerthMcpServer(new McpBackend(null, null, null, null, null, null),
                new ToolPolicy(false, Set.of(), Set.of()), line -> { }, "test");
        RequestGuard guard = new RequestGuard(TOKEN, RequestGuard.hostsFor(ListenAddress.parse("0"), Set.of()), McpHttpServer.MAX_BODY);
        try (McpMount mcp = new McpMount(server, guard, SessionLimits.DEFAULT, "test");
             HttpEndpoint http = HttpEndpoint.builder().listen("127.0.0.1", 0).mount(mcp)
                     .mount(h -> h.servlet("other", new Other(), "/", "/hooks/*")).start()) {
            int port = http.port();
            assertThat(send(port, "GET", "/", null, List.of()).statusCode()).isEqualTo(200);
            HttpResponse<String> hook = send(port, "POST", "/hooks/forge", "{}", List.of());
            assertThat(hook.statusCode()).isEqualTo(200);
            assertThat(hook.body()).isEqualTo("other /hooks/forge");
            assertThat(send(port, "POST", "/mcp", INIT, List.of()).statusCode()).isEqualTo(401);
            assertThat(send(port, "POST", "/mcp/x", INIT, List.of()).statusCode()).isEqualTo(401);
            assertThat(send(port, "POST", "/mcp", INIT, List.of("Authorization", "Bearer " + TOKEN.value(),
                    "Origin", "http://evil.example")).statusCode()).isEqualTo(403);
            HttpResponse<String> ok = send(port, "POST", "/mcp", INIT, List.of("Authorization", "Bearer " + TOKEN.value(),
                    "Accept", "application/json, text/event-stream"));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("serverInfo");
        }
    }

    private static HttpResponse<String> send(int port, String method, String path, String body, List<String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.size(); i += 2) {
            b.header(headers.get(i), headers.get(i + 1));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}

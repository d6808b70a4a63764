package dev.berth.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure checks in front of the MCP server: requests, tokens, JSON-RPC shape, arguments, listen addresses. */
class GuardsTest {
    private static final McpToken TOKEN = new McpToken("a".repeat(64));
    private final RequestGuard guard = new RequestGuard(TOKEN,
            RequestGuard.hostsFor(ListenAddress.parse("127.0.0.1:8765"), Set.of()), 1000);
    private final String bearer = "Bearer " + TOKEN.value();

    @Test
    void hostAndOriginAreCheckedBeforeTheToken() {
        assertThat(guard.check("evil.example:8765", null, bearer, 10).status()).isEqualTo(403);
        assertThat(guard.check(null, null, bearer, 10).status()).isEqualTo(403);
        assertThat(guard.check("127.0.0.1:8765", "http://evil.example", bearer, 10).status()).isEqualTo(403);
        assertThat(guard.check("127.0.0.1:8765", "null", bearer, 10).status()).isEqualTo(403);
        assertThat(guard.check("evil.example", "http://evil.example", null, 10).status()).isEqualTo(403);
        assertThat(guard.check("localhost:8765", "http://localhost:3000", bearer, 10).ok()).isTrue();
        assertThat(guard.check("[::1]:8765", null, bearer, 10).ok()).isTrue();
    }

    @Test
    void theTokenIsAlwaysRequired() {
        assertThat(guard.check("127.0.0.1:8765", null, null, 10).status()).isEqualTo(401);
        assertThat(guard.check("127.0.0.1:8765", null, "Bearer " + "b".repeat(64), 10).status()).isEqualTo(401);
        assertThat(guard.check("127.0.0.1:8765", null, "Basic " + TOKEN.value(), 10).status()).isEqualTo(401);
        assertThat(guard.check("127.0.0.1:8765", null, "bearer " + TOKEN.value(), 10).ok()).isTrue();
    }

    @Test
    void oversizedBodiesAreRefused() {
        assertThat(guard.check("127.0.0.1:8765", null, bearer, 1001).status()).isEqualTo(413);
        assertThat(guard.check("127.0.0.1:8765", null, bearer, -1).ok()).isTrue();
    }

    @Test
    void extraHostsAreAllowedOnlyWhenGiven() {
        RequestGuard wide = new RequestGuard(TOKEN, RequestGuard.hostsFor(ListenAddress.parse("0.0.0.0:1"), Set.of("berth.lan")), 10);
        assertThat(wide.allowedHosts()).contains("berth.lan", "localhost").doesNotContain("0.0.0.0");
        assertThat(wide.check("berth.lan:1", "https://berth.lan", bearer, 1).ok()).isTrue();
    }

    @Test
    void tokenIsMadeOnceWithMode0600AndNamedWithoutRevealingIt(@TempDir Path dir) throws Exception {
        McpToken t = McpToken.loadOrCreate(dir.resolve("state"));
        assertThat(t.value()).matches("[0-9a-f]{64}");
        assertThat(McpToken.loadOrCreate(dir.resolve("state"))).isEqualTo(t);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(McpToken.file(dir.resolve("state")))))
                .isEqualTo("rw-------");
        assertThat(t.id()).startsWith("token:").doesNotContain(t.value().substring(0, 8));
        assertThat(t.toString()).doesNotContain(t.value());
    }

    @Test
    void jsonRpcShape() {
        assertThat(check("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").forward()).isTrue();
        assertThat(check("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").forward()).isTrue();
        assertThat(check("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}").forward()).isTrue();
        assertThat(check("   ").forward()).isFalse();
        assertThat(check("   ").message()).isNull();
        assertThat(check("garbage{").code()).isEqualTo(-32700);
        assertThat(check("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]").code()).isEqualTo(-32600);
        assertThat(check("{\"id\":9}").code()).isEqualTo(-32600);
        assertThat(check("{\"id\":9}").id().asInt()).isEqualTo(9);
        assertThat(check("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"x\"}").code()).isEqualTo(-32600);
        assertThat(check("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":[1]}").code()).isEqualTo(-32602);
        assertThat(JsonRpcShape.errorResponse(-32600, "bad \"x\"", null)).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"bad \\\"x\\\"\"}}");
    }

    private static JsonRpcShape.Verdict check(String s) {
        return JsonRpcShape.check(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void argumentsAreTypeCheckedAndNamesCannotLookLikeOptions() throws Exception {
        Args a = new Args(Map.of("n", 5, "s", "web.container", "opt", "--rm", "f", 1.5, "b", true, "str", "x y"));
        assertThat(a.integer("n", 1, 1, 10)).isEqualTo(5);
        assertThat(a.integer("missing", 7, 1, 10)).isEqualTo(7);
        assertThat(a.name("s")).isEqualTo("web.container");
        assertThat(a.bool("b", false)).isTrue();
        assertThatThrownBy(() -> a.integer("n", 1, 1, 4)).hasMessageContaining("between 1 and 4");
        assertThatThrownBy(() -> a.integer("f", 1, 1, 4)).hasMessageContaining("must be an integer");
        assertThatThrownBy(() -> a.integer("s", 1, 1, 4)).hasMessageContaining("got a string");
        assertThatThrownBy(() -> a.name("opt")).hasMessageContaining("not a valid name");
        assertThatThrownBy(() -> a.name("str")).hasMessageContaining("not a valid name");
        assertThatThrownBy(() -> a.string("missing")).hasMessageContaining("missing argument 'missing'");
        assertThatThrownBy(() -> a.bool("n", false)).hasMessageContaining("true or false");
    }

    @Test
    void listenAddresses() {
        assertThat(ListenAddress.parse("8765")).isEqualTo(new ListenAddress("127.0.0.1", 8765));
        assertThat(ListenAddress.parse("[::1]:9")).isEqualTo(new ListenAddress("::1", 9));
        assertThat(ListenAddress.parse("0.0.0.0:1").loopback()).isFalse();
        assertThatThrownBy(() -> ListenAddress.parse("localhost:http")).hasMessageContaining("not a port number");
        assertThatThrownBy(() -> ListenAddress.parse(":80")).hasMessageContaining("no host");
        assertThatThrownBy(() -> ListenAddress.parse("x:70000")).hasMessageContaining("0-65535");
    }

    @Test
    void inspectHidesEnvironmentValues() throws Exception {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"Config\":{\"Env\":[\"PASSWORD=hunter2\",\"PATH=/bin\",\"ODD\"]}}");
        PodmanTools.hideEnvironmentValues(node);
        assertThat(node.toString()).doesNotContain("hunter2").contains("PASSWORD=(hidden)").contains("ODD");
    }
}

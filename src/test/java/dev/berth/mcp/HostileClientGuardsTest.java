package dev.berth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure checks behind the endpoint's answers to hostile clients; McpHardeningIT drives them over HTTP. */
class HostileClientGuardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final McpToken TOKEN = new McpToken("a".repeat(64));

    @Test
    void anInitializeRequestKeepsOnlyABoundedClientInfo() throws Exception {
        assertThat(InitializeBounds.check(JSON.readTree(init("curl")), 200)).isNull();
        assertThat(InitializeBounds.check(JSON.readTree(init("n".repeat(256))), 500)).isNull();
        assertThat(InitializeBounds.check(JSON.readTree(init("n".repeat(257))), 500)).contains("clientInfo.name is 257 characters");
        assertThat(InitializeBounds.check(JSON.readTree(init("curl")), 16 * 1024 + 1)).contains("at most 16384 bytes");
    }

    @Test
    void withOAuthTheChallengePointsToTheResourceMetadataAndTheStaticTokenStillWorks() throws Exception {
        OAuthSettings settings = new OAuthSettings(URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:8765/mcp"), null);
        AccessTokens oauth = new AccessTokens(settings,
                new ImmutableJWKSet<>(new JWKSet(new RSAKeyGenerator(2048).generate().toPublicJWK())));
        RequestGuard guard = new RequestGuard(TOKEN, RequestGuard.hostsFor(ListenAddress.parse("127.0.0.1:8765"), Set.of()), 1000, oauth);
        RequestGuard.Verdict none = guard.check("127.0.0.1:8765", null, null, 10);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.challenge()).isEqualTo("Bearer resource_metadata=\"http://127.0.0.1:8765/.well-known/oauth-protected-resource/mcp\","
                + " scope=\"berth:read\"");
        RequestGuard.Verdict forged = guard.check("127.0.0.1:8765", null, "Bearer x.y.z", 10);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.challenge()).contains("error=\"invalid_token\"");
        RequestGuard.Verdict local = guard.check("127.0.0.1:8765", null, "Bearer " + TOKEN.value(), 10);
        assertThat(local.ok()).isTrue();
        assertThat(local.caller().canWrite()).isTrue();
        assertThat(guard.checkHost("evil.example", null).status()).isEqualTo(403);
        RequestGuard plain = new RequestGuard(TOKEN, RequestGuard.hostsFor(ListenAddress.parse("127.0.0.1:8765"), Set.of()), 1000);
        assertThat(plain.check("127.0.0.1:8765", null, "Bearer x.y.z", 10).challenge()).isEqualTo("Bearer realm=\"berth\"");
    }

    private static String init(String name) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"clientInfo\":{\"name\":\"" + name
                + "\",\"version\":\"1\"}}}";
    }
}

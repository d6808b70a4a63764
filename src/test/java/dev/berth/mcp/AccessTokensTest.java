package dev.berth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Access tokens signed here with nimbus, checked by {@link AccessTokens}; the HTTP-level behaviour is in McpHardeningIT. */
class AccessTokensTest {
    private static final String ISSUER = "http://127.0.0.1:1/";
    private static final String AUDIENCE = "https://berth.lan:8765/mcp";
    private static final RSAKey KEY = rsa("k1");
    private static final OAuthSettings SETTINGS = new OAuthSettings(URI.create(ISSUER), URI.create(AUDIENCE), null);
    private final AccessTokens tokens = new AccessTokens(SETTINGS, new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())));

    private static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("alice").audience(AUDIENCE).claim("scope", "berth:read")
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))));
    }

    private static String sign(JWTClaimsSet c, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(new JOSEObjectType("at+jwt")).build(), c);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aValidTokenNamesItsSubjectAndScopes() throws Exception {
        AccessTokens.Check c = tokens.check(sign(claims().claim("scope", "berth:read berth:write").build(), KEY));
        assertThat(c).isEqualTo(new AccessTokens.Valid(new Caller("oauth:alice", Set.of("berth:read", "berth:write"))));
        AccessTokens.Check scp = tokens.check(sign(claims().claim("scope", null).claim("scp", java.util.List.of("berth:read")).build(), KEY));
        assertThat(((AccessTokens.Valid) scp).caller().canWrite()).isFalse();
        assertThat(((AccessTokens.Valid) scp).caller().canRead()).isTrue();
    }

    @Test
    void refusesWrongAudienceIssuerExpiredWrongKeyUnsignedAndSymmetric() throws Exception {
        assertThat(reason(sign(claims().audience("https://other/mcp").build(), KEY))).contains("audience (aud) [https://other/mcp] is not this endpoint");
        assertThat(reason(sign(claims().issuer("http://127.0.0.1:2/").build(), KEY))).contains("iss");
        assertThat(reason(sign(claims().expirationTime(Date.from(Instant.now().minusSeconds(300))).build(), KEY))).contains("it expired at").contains("Expired");
        assertThat(reason(sign(claims().expirationTime(null).build(), KEY))).contains("exp");
        assertThat(reason(sign(claims().build(), rsa("k1")))).contains("signature does not verify");
        assertThat(reason(new PlainJWT(claims().build()).serialize())).isNotBlank();
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner(new byte[32]));
        assertThat(reason(hmac.serialize())).isNotBlank();
        assertThat(reason("a.b.c")).contains("not a well-formed JWT");
        assertThat(reason(sign(claims().subject(null).build(), KEY))).contains("sub");
    }

    @Test
    void findsTheKeysThroughTheIssuersMetadata() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("e1").generate();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try {
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/tenant";
            serve(server, "/.well-known/oauth-authorization-server/tenant",
                    "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/keys\"}");
            serve(server, "/tenant/keys", new JWKSet(ec.toPublicJWK()).toString());
            server.start();
            AccessTokens viaMetadata = AccessTokens.forIssuer(new OAuthSettings(URI.create(issuer), URI.create(AUDIENCE), null));
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("e1").build(), claims().issuer(issuer).build());
            jwt.sign(new ECDSASigner(ec));
            assertThat(viaMetadata.check(jwt.serialize())).isInstanceOf(AccessTokens.Valid.class);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void settingsRefusePlainHttpOffLoopbackAndPointToTheMetadata() {
        assertThat(SETTINGS.metadataUri()).hasToString("https://berth.lan:8765/.well-known/oauth-protected-resource/mcp");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OAuthSettings(URI.create("http://idp.example/"),
                URI.create(AUDIENCE), null)).hasMessageContaining("--mcp-oauth-issuer").hasMessageContaining("https");
        assertThat(ProtectedResourceMetadata.json(SETTINGS)).contains("\"resource\":\"" + AUDIENCE + "\"")
                .contains("\"authorization_servers\":[\"" + ISSUER + "\"]");
    }

    private String reason(String jwt) {
        AccessTokens.Check c = tokens.check(jwt);
        assertThat(c).isInstanceOf(AccessTokens.Invalid.class);
        return ((AccessTokens.Invalid) c).reason();
    }

    private static void serve(HttpServer server, String path, String body) {
        server.createContext(path, ex -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
    }
}

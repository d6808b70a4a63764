package dev.berth.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.berth.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The issuer's signing keys, at the {@code jwks_uri} its authorization server metadata (RFC 8414, else
 * OpenID Connect discovery) names. Looked up on first use, not at start-up, so the daemon starts (and serves
 * the static token) while the issuer is unreachable; a failed look-up is tried again at the next token.
 */
final class DiscoveredKeys implements JWKSource<SecurityContext> {
    private static final int MAX_METADATA = 64 * 1024;

    private final URI issuer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile JWKSource<SecurityContext> keys;

    DiscoveredKeys(URI issuer) {
        this.issuer = issuer;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKSource<SecurityContext> k = keys;
        if (k == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = AccessTokens.remote(jwksUri());
                }
                k = keys;
            }
        }
        return k.get(selector, context);
    }

    /** The well-known metadata URLs of an issuer, RFC 8414 first (path inserted), then OpenID Connect (path appended). */
    static List<URI> metadataUris(URI issuer) {
        String path = issuer.getRawPath() == null || issuer.getRawPath().equals("/") ? "" : issuer.getRawPath();
        String origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
        return List.of(URI.create(origin + "/.well-known/oauth-authorization-server" + path),
                URI.create(origin + path + "/.well-known/openid-configuration"));
    }

    private URI jwksUri() throws KeySourceException {
        StringBuilder tried = new StringBuilder();
        for (URI u : metadataUris(issuer)) {
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200 || r.body().length > MAX_METADATA) {
                    tried.append(' ').append(u).append(" (HTTP ").append(r.statusCode()).append(')');
                    continue;
                }
                JsonNode m = Json.mapper().readTree(r.body());
                if (!issuer.toString().equals(m.path("issuer").asText())) {
                    throw new KeySourceException("the metadata at " + u + " names issuer '" + m.path("issuer").asText()
                            + "', not '" + issuer + "' (RFC 8414 §3.3)");
                }
                URI jwks = URI.create(m.path("jwks_uri").asText(""));
                new OAuthSettings(issuer, issuer, jwks); // the same https-or-loopback rule
                return jwks;
            } catch (IOException | IllegalArgumentException e) {
                tried.append(' ').append(u).append(" (").append(e.getMessage()).append(')');
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KeySourceException("interrupted while reading the issuer's metadata");
            }
        }
        throw new KeySourceException("no usable authorization server metadata for issuer " + issuer + ":" + tried
                + "; give the key set with --mcp-oauth-jwks");
    }
}

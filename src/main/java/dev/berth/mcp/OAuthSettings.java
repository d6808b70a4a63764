package dev.berth.mcp;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The MCP endpoint as an OAuth 2.1 resource server: access tokens are JWTs from {@code issuer}, signed with
 * a key from its JWKS ({@code jwksUri}, or the {@code jwks_uri} of the issuer's RFC 8414 / OpenID metadata),
 * whose {@code aud} is {@code audience}: this endpoint's canonical URI, e.g. {@code https://berth.lan:8765/mcp}.
 *
 * @param jwksUri null to discover it from the issuer
 */
public record OAuthSettings(URI issuer, URI audience, URI jwksUri) {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    public OAuthSettings {
        requireSecure("--mcp-oauth-issuer", issuer);
        requireSecure("--mcp-oauth-audience", audience);
        if (jwksUri != null) {
            requireSecure("--mcp-oauth-jwks", jwksUri);
        }
        if (audience.getFragment() != null) {
            throw new IllegalArgumentException("--mcp-oauth-audience '" + audience + "' must not have a fragment (RFC 8707)");
        }
    }

    /** OAuth 2.1 wants https everywhere but on loopback, where a test or local issuer may use plain http. */
    private static void requireSecure(String option, URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (u.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && LOOPBACK.contains(u.getHost()))) {
            throw new IllegalArgumentException(option + " '" + u + "' must be an absolute https URL (http only on a"
                    + " loopback address such as 127.0.0.1)");
        }
    }

    /**
     * Where this resource's metadata (RFC 9728) is published: the well-known path inserted before the
     * audience's path, e.g. {@code https://berth.lan:8765/.well-known/oauth-protected-resource/mcp}.
     */
    public URI metadataUri() {
        String path = audience.getRawPath() == null || audience.getRawPath().equals("/") ? "" : audience.getRawPath();
        return URI.create(audience.getScheme() + "://" + audience.getRawAuthority() + ProtectedResourceMetadata.PATH + path);
    }
}

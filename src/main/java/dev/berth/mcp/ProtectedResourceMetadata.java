package dev.berth.mcp;

import dev.berth.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OAuth protected resource metadata (RFC 9728) an MCP client reads to learn which authorization server
 * issues tokens for this endpoint and which scopes it knows; and the {@code WWW-Authenticate} challenges
 * that point to it.
 */
final class ProtectedResourceMetadata {
    static final String PATH = "/.well-known/oauth-protected-resource";

    private ProtectedResourceMetadata() {
    }

    /** Whether a request path asks for the metadata (at the root, or with the endpoint's path appended). */
    static boolean isMetadataPath(String path) {
        return path != null && (path.equals(PATH) || path.startsWith(PATH + "/"));
    }

    static String json(OAuthSettings oauth) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resource", oauth.audience().toString());
        m.put("authorization_servers", List.of(oauth.issuer().toString()));
        m.put("scopes_supported", List.of(Caller.READ, Caller.WRITE));
        m.put("bearer_methods_supported", List.of("header"));
        m.put("resource_name", "Berth MCP endpoint");
        try {
            return Json.mapper().writeValueAsString(m);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 401 challenge: no token or an invalid one (RFC 6750 §3, RFC 9728 §5.1). */
    static String unauthorized(OAuthSettings oauth, String error, String description) {
        StringBuilder b = new StringBuilder("Bearer resource_metadata=\"").append(oauth.metadataUri()).append('"')
                .append(", scope=\"").append(Caller.READ).append('"');
        if (error != null) {
            b.append(", error=\"").append(error).append("\", error_description=\"").append(quotable(description)).append('"');
        }
        return b.toString();
    }

    /** The 403 challenge: a valid token without the scope this request needs. */
    static String insufficientScope(OAuthSettings oauth, String scope) {
        return "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\", resource_metadata=\"" + oauth.metadataUri() + '"';
    }

    /** A header's quoted-string may not hold a quote, backslash or control character. */
    private static String quotable(String s) {
        return s == null ? "" : s.replaceAll("[\"\\\\\\p{Cntrl}]", "'");
    }
}

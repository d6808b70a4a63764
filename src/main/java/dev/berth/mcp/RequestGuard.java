package dev.berth.mcp;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The checks every HTTP request to the MCP endpoint passes before the SDK sees it, in this order:
 * Host and Origin against DNS rebinding (403), the bearer token or an OAuth access token (401; 403 for a
 * token without {@code berth:read}), the body size (413). Pure but for the issuer's keys, so each rule is
 * tested without a server.
 *
 * @param allowedHosts host names (no port) a request may be addressed to, and its Origin may name
 * @param maxBody      largest request body accepted, in bytes
 * @param oauth        checks OAuth access tokens (JWTs), or null when only the static token is accepted
 */
public record RequestGuard(McpToken token, Set<String> allowedHosts, long maxBody, AccessTokens oauth) {

    public RequestGuard {
        allowedHosts = Set.copyOf(allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
    }

    public RequestGuard(McpToken token, Set<String> allowedHosts, long maxBody) {
        this(token, allowedHosts, maxBody, null);
    }

    /** The hosts of a loopback listener, plus the listen address and any the user added. */
    public static Set<String> hostsFor(ListenAddress listen, Set<String> extra) {
        java.util.Set<String> hosts = new java.util.TreeSet<>(Set.of("127.0.0.1", "localhost", "::1"));
        if (!listen.host().equals("0.0.0.0") && !listen.host().equals("::")) {
            hosts.add(listen.host());
        }
        hosts.addAll(extra);
        return hosts;
    }

    /**
     * @param caller    who sent the request, when it was authenticated
     * @param challenge the WWW-Authenticate header of a 401 or 403 for a token, or null
     */
    public record Verdict(int status, String message, Caller caller, String challenge) {
        public Verdict(int status, String message) {
            this(status, message, null, null);
        }

        public boolean ok() {
            return status == 200;
        }
    }

    /** @param contentLength the declared body length, or -1 when none was declared */
    public Verdict check(String host, String origin, String authorization, long contentLength) {
        Verdict hostVerdict = checkHost(host, origin);
        if (!hostVerdict.ok()) {
            return hostVerdict;
        }
        String credential = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
        Caller caller = null;
        if (credential != null && token.matches(credential)) {
            caller = Caller.staticToken(token);
        } else if (credential != null && oauth != null && AccessTokens.looksLikeJwt(credential)) {
            AccessTokens.Check c = oauth.check(credential);
            if (c instanceof AccessTokens.Invalid bad) {
                return new Verdict(401, bad.reason(), null,
                        ProtectedResourceMetadata.unauthorized(oauth.settings(), "invalid_token", bad.reason()));
            }
            caller = ((AccessTokens.Valid) c).caller();
            if (!caller.canRead()) {
                return new Verdict(403, "the access token lacks the scope " + Caller.READ + " (it has " + caller.scopes() + ")",
                        null, ProtectedResourceMetadata.insufficientScope(oauth.settings(), Caller.READ));
            }
        }
        if (caller == null) {
            String how = oauth == null ? "" : " or an OAuth access token from " + oauth.settings().issuer();
            return new Verdict(401, "a valid bearer token is required: 'Authorization: Bearer TOKEN' (print it with"
                    + " 'berth mcp token')" + how, null, oauth == null ? "Bearer realm=\"berth\""
                    : ProtectedResourceMetadata.unauthorized(oauth.settings(), null, null));
        }
        if (contentLength > maxBody) {
            return new Verdict(413, "request body of " + contentLength + " bytes exceeds the limit of " + maxBody + " bytes");
        }
        return new Verdict(200, "", caller, null);
    }

    /** Host and Origin alone: for what is public behind them (the OAuth metadata). */
    public Verdict checkHost(String host, String origin) {
        if (host == null || !allowedHosts.contains(hostName(host))) {
            return new Verdict(403, "Host '" + host + "' is not allowed (DNS rebinding protection); allowed: " + allowedHosts
                    + " (berth run --mcp-allow-host adds one)");
        }
        if (origin != null && !originAllowed(origin)) {
            return new Verdict(403, "Origin '" + origin + "' is not allowed (DNS rebinding protection)");
        }
        return new Verdict(200, "");
    }

    private boolean originAllowed(String origin) {
        try {
            URI u = URI.create(origin.strip());
            String scheme = u.getScheme();
            return u.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && allowedHosts.contains(bare(u.getHost().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The host name of a Host header: {@code localhost:8765} → {@code localhost}, {@code [::1]:8765} → {@code ::1}. */
    static String hostName(String hostHeader) {
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}

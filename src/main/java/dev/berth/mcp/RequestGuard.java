package dev.berth.mcp;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The checks every HTTP request to the MCP endpoint passes before the SDK sees it, in this order:
 * Host and Origin against DNS rebinding (403), the bearer token (401), the body size (413).
 * Pure, so each rule is tested without a server.
 *
 * @param allowedHosts host names (no port) a request may be addressed to, and its Origin may name
 * @param maxBody      largest request body accepted, in bytes
 */
public record RequestGuard(McpToken token, Set<String> allowedHosts, long maxBody) {

    public RequestGuard {
        allowedHosts = Set.copyOf(allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
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

    public record Verdict(int status, String message) {
        static final Verdict OK = new Verdict(200, "");

        public boolean ok() {
            return status == 200;
        }
    }

    /** @param contentLength the declared body length, or -1 when none was declared */
    public Verdict check(String host, String origin, String authorization, long contentLength) {
        if (host == null || !allowedHosts.contains(hostName(host))) {
            return new Verdict(403, "Host '" + host + "' is not allowed (DNS rebinding protection); allowed: " + allowedHosts
                    + " (berth run --mcp-allow-host adds one)");
        }
        if (origin != null && !originAllowed(origin)) {
            return new Verdict(403, "Origin '" + origin + "' is not allowed (DNS rebinding protection)");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || !token.matches(authorization.substring(7).strip())) {
            return new Verdict(401, "a valid bearer token is required: 'Authorization: Bearer TOKEN' (print it with 'berth mcp token')");
        }
        if (contentLength > maxBody) {
            return new Verdict(413, "request body of " + contentLength + " bytes exceeds the limit of " + maxBody + " bytes");
        }
        return Verdict.OK;
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

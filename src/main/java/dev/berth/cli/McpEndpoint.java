package dev.berth.cli;

import dev.berth.Berth;
import dev.berth.mcp.AccessTokens;
import dev.berth.mcp.BerthMcpServer;
import dev.berth.mcp.ListenAddress;
import dev.berth.mcp.McpHttpServer;
import dev.berth.mcp.McpMount;
import dev.berth.mcp.McpToken;
import dev.berth.mcp.OAuthSettings;
import dev.berth.mcp.RequestGuard;
import dev.berth.mcp.SessionLimits;
import java.io.Closeable;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Set;

/** The daemon's MCP endpoint: on a listener of its own ({@code --mcp-listen}) or at /mcp on the shared one ({@code --listen}). */
final class McpEndpoint {
    private McpEndpoint() {
    }

    static Closeable start(McpDaemonOptions options, Berth berth, PrintWriter log) throws Exception {
        if (options.listen == null) {
            return () -> { };
        }
        ListenAddress listen = DaemonListener.parse(options.listen, "--mcp-listen");
        McpMount mount = mount(options, listen, berth, log);
        McpHttpServer http = McpHttpServer.start(mount, listen);
        DaemonListener.say(log, "mcp: serving " + DaemonListener.url(listen, http.port()) + McpHttpServer.ENDPOINT
                + " (" + mount.description() + ")");
        return http::close;
    }

    /** MCP as the options configure it, for a listener on {@code listen} (whose names Host and Origin may carry). */
    static McpMount mount(McpDaemonOptions options, ListenAddress listen, Berth berth, PrintWriter log) throws Exception {
        BerthMcpServer server = McpSetup.server(berth, options.allowWrite,
                options.allowTools, options.denyTools, line -> DaemonListener.say(log, line), !options.noServers, true);
        McpToken token = McpToken.loadOrCreate(berth.layout().stateDir());
        SessionLimits limits;
        AccessTokens oauth;
        try {
            limits = new SessionLimits(options.maxSessions, options.maxSessionsPerClient,
                    options.sessionIdle == null ? SessionLimits.DEFAULT.idle() : Durations.parse(options.sessionIdle));
            oauth = oauth(options);
        } catch (IllegalArgumentException e) {
            server.close();
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new Main()), e.getMessage());
        }
        RequestGuard guard = new RequestGuard(token, RequestGuard.hostsFor(listen, Set.copyOf(options.allowHosts)),
                McpHttpServer.MAX_BODY, oauth);
        String description = (options.allowWrite ? "read-write" : "read-only")
                + ", " + server.callableTools().size() + " tools + " + server.downstreamToolNames().size()
                + " from declared MCP servers; bearer token in " + McpToken.file(berth.layout().stateDir())
                + ", id " + token.id() + (oauth == null ? "" : "; OAuth tokens from " + oauth.settings().issuer()
                + " for " + oauth.settings().audience()) + "; at most " + limits.maxTotal() + " sessions, "
                + limits.maxPerCaller() + " per client, ended after " + limits.idle().toSeconds() + " s idle"
                + (listen.loopback() ? "" : "; WARNING: not a loopback address");
        return new McpMount(server, guard, limits, description);
    }

    private static AccessTokens oauth(McpDaemonOptions options) {
        if (options.oauthIssuer == null && options.oauthAudience == null && options.oauthJwks == null) {
            return null;
        }
        if (options.oauthIssuer == null || options.oauthAudience == null) {
            throw new IllegalArgumentException("--mcp-oauth-issuer and --mcp-oauth-audience go together: the issuer whose"
                    + " tokens are accepted, and this endpoint's URI that they must be issued for");
        }
        try {
            return AccessTokens.forIssuer(new OAuthSettings(new URI(options.oauthIssuer), new URI(options.oauthAudience),
                    options.oauthJwks == null ? null : new URI(options.oauthJwks)));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getInput() + " (" + e.getReason() + ")");
        }
    }
}

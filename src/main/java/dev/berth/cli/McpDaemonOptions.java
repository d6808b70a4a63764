package dev.berth.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code berth run}'s options for the MCP endpoint; the endpoint is off unless --mcp-listen is given. */
final class McpDaemonOptions {

    @Option(names = "--mcp-listen", paramLabel = "[HOST:]PORT",
            description = "Serve MCP (Streamable HTTP, path /mcp) on this address; off by default. HOST defaults to 127.0.0.1."
                    + " Every request needs 'Authorization: Bearer TOKEN' ('berth mcp token' prints it).")
    String listen;

    @Option(names = "--mcp-allow-write", description = "Allow the MCP tools that change the host (default: read-only).")
    boolean allowWrite;

    @Option(names = "--mcp-allow-tools", split = ",", paramLabel = "TOOL[,TOOL...]", description = "Offer only these MCP tools.")
    List<String> allowTools = new ArrayList<>();

    @Option(names = "--mcp-deny-tools", split = ",", paramLabel = "TOOL[,TOOL...]", description = "Never offer these MCP tools.")
    List<String> denyTools = new ArrayList<>();

    @Option(names = "--mcp-no-servers", description = "Serve only Berth's own tools, not those of the MCP servers the"
            + " repository declares (default: serve them too, as SERVER__TOOL).")
    boolean noServers;

    @Option(names = "--mcp-allow-host", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Further host names requests may be addressed to (Host and Origin headers); loopback names always are.")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--mcp-max-sessions", paramLabel = "N", description = "Most MCP sessions open at once (default: 64);"
            + " a new one beyond it is refused with 503 and Retry-After.")
    int maxSessions = dev.berth.mcp.SessionLimits.DEFAULT.maxTotal();

    @Option(names = "--mcp-max-sessions-per-client", paramLabel = "N", description = "Most MCP sessions one token (or OAuth"
            + " subject) may have open (default: 32); beyond it: 429 and Retry-After.")
    int maxSessionsPerClient = dev.berth.mcp.SessionLimits.DEFAULT.maxPerCaller();

    @Option(names = "--mcp-session-idle", paramLabel = "DURATION", description = "End an MCP session after this long"
            + " without a request (default: 10m), and the stdio server containers it started.")
    String sessionIdle;

    @Option(names = "--mcp-oauth-issuer", paramLabel = "URL", description = "Also accept OAuth access tokens (JWT) from this"
            + " issuer, checked against its keys; needs --mcp-oauth-audience. Scopes: berth:read, berth:write.")
    String oauthIssuer;

    @Option(names = "--mcp-oauth-audience", paramLabel = "URL", description = "This endpoint's canonical URI as clients"
            + " reach it (e.g. https://berth.lan:8765/mcp): a token's 'aud' must be exactly this.")
    String oauthAudience;

    @Option(names = "--mcp-oauth-jwks", paramLabel = "URL", description = "The issuer's key set (JWKS); default: the"
            + " jwks_uri of the issuer's metadata (RFC 8414 or OpenID discovery).")
    String oauthJwks;
}

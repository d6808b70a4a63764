package dev.berth.console;

import dev.berth.mcp.AccessTokens;
import dev.berth.mcp.McpToken;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How the console is served.
 *
 * @param token        the sign-in token: the MCP endpoint's, from the state folder
 * @param allowedHosts the names requests may be addressed to (Host and Origin), as for MCP
 * @param allowWrite   whether Sync, Rollback and Restart are offered (and accepted)
 * @param log          the daemon's log: each write, with the token id that made it
 * @param oauth        the MCP endpoint's OAuth issuer, whose access tokens also sign in (checked as MCP checks them:
 *                     signature by the issuer's keys, audience, expiry; writes need the {@code berth:write} scope);
 *                     null when MCP takes only the static token
 */
public record ConsoleSettings(McpToken token, Set<String> allowedHosts, boolean allowWrite, Consumer<String> log,
                              AccessTokens oauth) {
    public ConsoleSettings {
        allowedHosts = Set.copyOf(allowedHosts);
    }

    /** Sign-in with the static token only. */
    public ConsoleSettings(McpToken token, Set<String> allowedHosts, boolean allowWrite, Consumer<String> log) {
        this(token, allowedHosts, allowWrite, log, null);
    }
}

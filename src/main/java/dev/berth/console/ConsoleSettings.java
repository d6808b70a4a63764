package dev.berth.console;

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
 */
public record ConsoleSettings(McpToken token, Set<String> allowedHosts, boolean allowWrite, Consumer<String> log) {
    public ConsoleSettings {
        allowedHosts = Set.copyOf(allowedHosts);
    }
}

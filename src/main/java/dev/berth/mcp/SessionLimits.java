package dev.berth.mcp;

import java.time.Duration;

/**
 * How many MCP sessions the HTTP endpoint keeps, and for how long. Each session holds memory (and, for each
 * stdio MCP server the repository declares, a container once it calls one of its tools), so a client with
 * a valid token must not be able to open them without end.
 *
 * @param maxTotal     sessions open at once, over all callers
 * @param maxPerCaller sessions open at once for one caller (one bearer token, or one OAuth subject)
 * @param idle         a session with no request for this long is ended
 */
public record SessionLimits(int maxTotal, int maxPerCaller, Duration idle) {
    public static final SessionLimits DEFAULT = new SessionLimits(64, 32, Duration.ofMinutes(10));

    public SessionLimits {
        if (maxTotal < 1 || maxPerCaller < 1) {
            throw new IllegalArgumentException("session limits must be at least 1 (got " + maxTotal + " in total, "
                    + maxPerCaller + " per client)");
        }
        if (idle.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the session idle time must be at least 1s (got " + idle + ")");
        }
    }
}

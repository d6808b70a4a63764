package dev.berth.mcp.gateway;

import dev.berth.repo.TimeSpan;
import java.time.Duration;
import java.util.Map;

/**
 * The gateway's waits that are too long to sit out in a test: how long an idle stdio session's container
 * lives, and the reconnect backoff of a server that is down (first wait, doubled up to the longest). The
 * defaults are the documented ones; the environment variables {@value #IDLE}, {@value #FIRST_BACKOFF} and
 * {@value #MAX_BACKOFF} (systemd time spans: {@code 3s}, {@code 250ms}) change them for a daemon.
 */
record GatewayTimings(Duration sessionIdle, Duration firstBackoff, Duration maxBackoff) {
    static final String IDLE = "BERTH_MCP_STDIO_IDLE";
    static final String FIRST_BACKOFF = "BERTH_MCP_BACKOFF_FIRST";
    static final String MAX_BACKOFF = "BERTH_MCP_BACKOFF_MAX";
    static final GatewayTimings DEFAULT = new GatewayTimings(Duration.ofMinutes(10), Duration.ofMillis(500), Duration.ofSeconds(15));
    /** The idle reaper looks at least this often. */
    private static final Duration LONGEST_REAP = Duration.ofMinutes(1);

    GatewayTimings {
        if (sessionIdle.isZero() || sessionIdle.isNegative() || firstBackoff.isZero() || firstBackoff.isNegative()
                || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("MCP gateway timings: idle and backoffs must be positive and the longest"
                    + " backoff at least the first: " + sessionIdle + ", " + firstBackoff + ", " + maxBackoff);
        }
    }

    /** @throws IllegalArgumentException naming the variable whose value is not a time span */
    static GatewayTimings from(Map<String, String> env) {
        return new GatewayTimings(span(env, IDLE, DEFAULT.sessionIdle), span(env, FIRST_BACKOFF, DEFAULT.firstBackoff),
                span(env, MAX_BACKOFF, DEFAULT.maxBackoff));
    }

    /** How often idle sessions are looked for: often enough that one lives at most about 1.5 times the idle time. */
    Duration reapInterval() {
        Duration half = sessionIdle.dividedBy(2);
        return half.compareTo(LONGEST_REAP) > 0 ? LONGEST_REAP : half.isZero() ? Duration.ofMillis(1) : half;
    }

    Duration nextBackoff(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }

    private static Duration span(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return TimeSpan.parse(value).filter(d -> !d.isZero()).orElseThrow(() -> new IllegalArgumentException(
                name + "=" + value + " is not a time span: write e.g. 3s, 250ms or 10min"));
    }
}

package dev.berth.mcp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The MCP sessions the HTTP endpoint admitted, in front of the SDK's own (unbounded) session map: a new
 * session is admitted only under {@link SessionLimits}, a request naming a session that is not here is
 * refused before the SDK sees it, and sessions idle too long are let go. Pure (the clock is given), so
 * each rule is tested without a server.
 */
final class SessionRegistry {
    private record Session(String caller, long[] lastUsed) {
    }

    /** Admission of a new session: either a slot held for it ({@link #confirm}/{@link #cancel}), or why not. */
    sealed interface Admission {
    }

    record Admitted(String caller) implements Admission {
    }

    /** @param status 429 when this caller is at its own limit, 503 when the endpoint is full */
    record Refused(int status, String message, long retryAfterSeconds) implements Admission {
    }

    private final SessionLimits limits;
    private final LongSupplier nanoClock;
    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, Integer> pending = new HashMap<>();

    SessionRegistry(SessionLimits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    SessionLimits limits() {
        return limits;
    }

    /** Holds a slot for a session this caller is opening (an initialize request), or says why there is none. */
    synchronized Admission admit(String caller) {
        int mine = pending.getOrDefault(caller, 0) + (int) sessions.values().stream().filter(s -> s.caller.equals(caller)).count();
        int all = sessions.size() + pending.values().stream().mapToInt(Integer::intValue).sum();
        if (mine >= limits.maxPerCaller()) {
            return new Refused(429, "this client already has " + mine + " open MCP sessions, the most one client may have"
                    + " (berth run --mcp-max-sessions-per-client); end one (HTTP DELETE with its Mcp-Session-Id) or wait"
                    + " until an idle one expires", retryAfter(caller));
        }
        if (all >= limits.maxTotal()) {
            return new Refused(503, "the MCP endpoint has " + all + " open sessions, the most it keeps (berth run"
                    + " --mcp-max-sessions); retry when one has ended or expired", retryAfter(null));
        }
        pending.merge(caller, 1, Integer::sum);
        return new Admitted(caller);
    }

    /** The SDK opened the session the slot was held for. */
    synchronized void confirm(Admitted slot, String sessionId) {
        release(slot);
        sessions.put(sessionId, new Session(slot.caller(), new long[] {nanoClock.getAsLong()}));
    }

    /** The initialize request failed: the slot is free again. */
    synchronized void cancel(Admitted slot) {
        release(slot);
    }

    private void release(Admitted slot) {
        pending.computeIfPresent(slot.caller(), (k, n) -> n <= 1 ? null : n - 1);
    }

    /**
     * Marks the session used now; false when no such session is open for this caller (never admitted,
     * ended, expired, or another caller's), so the request is refused.
     */
    synchronized boolean touch(String sessionId, String caller) {
        Session s = sessions.get(sessionId);
        if (s == null || !s.caller.equals(caller) || idleTooLong(s, nanoClock.getAsLong())) {
            return false;
        }
        s.lastUsed[0] = nanoClock.getAsLong();
        return true;
    }

    synchronized void end(String sessionId) {
        sessions.remove(sessionId);
    }

    /** Removes the sessions idle longer than the limit and returns their ids, so what they held is let go. */
    synchronized List<String> expire() {
        long now = nanoClock.getAsLong();
        List<String> gone = new ArrayList<>();
        sessions.entrySet().removeIf(e -> {
            boolean idle = idleTooLong(e.getValue(), now);
            if (idle) {
                gone.add(e.getKey());
            }
            return idle;
        });
        return gone;
    }

    synchronized int size() {
        return sessions.size();
    }

    private boolean idleTooLong(Session s, long now) {
        return now - s.lastUsed[0] >= limits.idle().toNanos();
    }

    /** Seconds until the caller's (or anyone's, for null) least recently used session expires: when a slot frees. */
    private long retryAfter(String caller) {
        long now = nanoClock.getAsLong();
        long soonest = sessions.values().stream().filter(s -> caller == null || s.caller.equals(caller))
                .mapToLong(s -> s.lastUsed[0] + limits.idle().toNanos() - now).min().orElse(1_000_000_000L);
        return Math.max(1, (soonest + 999_999_999L) / 1_000_000_000L);
    }
}

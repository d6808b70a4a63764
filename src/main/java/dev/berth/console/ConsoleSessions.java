package dev.berth.console;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The console's signed-in browsers: at most {@code max} at once, each ended after {@code idle} without a
 * request. A session id and its CSRF token are 256 random bits each; the id lives in an HttpOnly cookie, the
 * CSRF token in the page's forms, so a page of another site can send the cookie but never the token.
 */
final class ConsoleSessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param tokenId     the fingerprint of the token the browser signed in with (or the access token's subject), for
     *                    the write log
     * @param accessToken the OAuth access token it signed in with, checked again at each request (it expires); null
     *                    for the static token
     * @param mayWrite    whether its sign-in allows writes (the static token, or an access token with berth:write)
     */
    record Session(String id, String csrf, String tokenId, String accessToken, boolean mayWrite) {
    }

    private final int max;
    private final long idleNanos;
    private final LongSupplier clock;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final Map<String, Long> lastSeen = new LinkedHashMap<>();

    ConsoleSessions(int max, Duration idle, LongSupplier nanoClock) {
        this.max = max;
        this.idleNanos = idle.toNanos();
        this.clock = nanoClock;
    }

    Duration idle() {
        return Duration.ofNanos(idleNanos);
    }

    /** A new session, or empty when {@code max} are open and none has expired. */
    synchronized Optional<Session> open(String tokenId) {
        return open(tokenId, null, true);
    }

    /** As {@link #open(String)}, signed in with an OAuth access token that may or may not allow writes. */
    synchronized Optional<Session> open(String tokenId, String accessToken, boolean mayWrite) {
        expire();
        if (sessions.size() >= max) {
            return Optional.empty();
        }
        Session s = new Session(random(), random(), tokenId, accessToken, mayWrite);
        sessions.put(s.id(), s);
        lastSeen.put(s.id(), clock.getAsLong());
        return Optional.of(s);
    }

    /** The open session of this id, marked as used now; empty when unknown or expired. */
    synchronized Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        expire();
        Session s = sessions.get(id);
        if (s != null) {
            lastSeen.put(id, clock.getAsLong());
        }
        return Optional.ofNullable(s);
    }

    synchronized void end(String id) {
        sessions.remove(id);
        lastSeen.remove(id);
    }

    synchronized int size() {
        expire();
        return sessions.size();
    }

    private void expire() {
        long now = clock.getAsLong();
        lastSeen.entrySet().removeIf(e -> {
            boolean old = now - e.getValue() >= idleNanos;
            if (old) {
                sessions.remove(e.getKey());
            }
            return old;
        });
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}

package dev.berth.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.json.Json;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What a delivery does, over HTTP or not: verify it first (nothing of an unverified body is read), ignore one seen
 * lately, ignore events other than a push and pushes of other refs, and for a push of the followed ref ask for a
 * sync. The payload only triggers: the sync fetches the ref from the repository, and what it deploys is what the
 * repository says (signed, if signatures are required), whatever commit the payload names.
 */
public final class WebhookReceiver {
    /** Deliveries remembered to ignore a replay: bounded, for a day (forges retry within hours). */
    public static final int REMEMBERED = 4096;
    public static final Duration REMEMBER_FOR = Duration.ofHours(24);
    private static final int SHOWN_CHARS = 200;
    private static final ObjectMapper JSON = Json.mapper();

    private final WebhookHost host;
    private final RecentDeliveries recent;
    private final Clock clock;

    public WebhookReceiver(WebhookHost host, Clock clock) {
        this(host, new RecentDeliveries(REMEMBERED, REMEMBER_FOR), clock);
    }

    WebhookReceiver(WebhookHost host, RecentDeliveries recent, Clock clock) {
        this.host = host;
        this.recent = recent;
        this.clock = clock;
    }

    public Reception receive(Forge forge, Delivery delivery) {
        Instant now = clock.instant();
        String id = forge.deliveryId(delivery).map(WebhookReceiver::shown).orElse(null);
        try {
            Optional<WebhookSecret> secret = host.secret();
            if (secret.isEmpty()) {
                return Reception.refused(503, "webhooks are off on this host: no secret yet (run 'berth webhook secret')", id);
            }
            if (forge.signature().verify(delivery, secret.get(), now) instanceof Verdict.Refused refused) {
                return Reception.refused(401, refused.reason(), id);
            }
            return authentic(forge, delivery, id, now);
        } catch (IOException e) {
            return Reception.refused(500, "cannot read this host's state: " + e.getMessage(), id);
        }
    }

    private Reception authentic(Forge forge, Delivery delivery, String id, Instant now) throws IOException {
        if (!firstTime(forge, delivery, id, now)) {
            return Reception.ignored("delivery seen already (a replay)", id, null);
        }
        Optional<String> event = forge.event(delivery);
        if (event.isPresent() && !forge.isPush(event.get())) {
            return Reception.ignored("not a push (event " + shown(event.get()) + ")", id, null);
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(delivery.body());
        } catch (IOException e) {
            return Reception.refused(400, "the body is not JSON: set the webhook's content type to application/json", id);
        }
        Optional<String> ref = pushedRef(forge, payload);
        if (ref.isEmpty() && forge != Forge.STANDARD) {
            return Reception.ignored("no ref in the payload: not a push", id, null);
        }
        Optional<String> followed = host.followedRef();
        if (followed.isEmpty()) {
            return Reception.ignored("this host follows no repository yet (berth init)", id, ref.map(WebhookReceiver::shown).orElse(null));
        }
        if (ref.isPresent() && !follows(followed.get(), ref.get())) {
            return Reception.ignored("push to " + shown(ref.get()) + "; this host follows " + followed.get(), id, shown(ref.get()));
        }
        host.syncNow();
        return Reception.triggered(id, ref.map(WebhookReceiver::shown).orElse("(any: the delivery names no ref)"));
    }

    /**
     * Remembers the delivery by its id and, where the signature covers only the body, by the body's digest too:
     * a captured delivery sent again under a new id is still the same signed body.
     */
    private boolean firstTime(Forge forge, Delivery delivery, String id, Instant now) {
        boolean newId = id == null || recent.firstTime(forge.word() + " id " + id, now);
        boolean newBody = forge == Forge.STANDARD || recent.firstTime(forge.word() + " body " + digest(delivery.body()), now);
        return newId && newBody;
    }

    /** The pushed ref: {@code ref} in every forge's push; a Standard Webhooks sender may put it in {@code data}. */
    private static Optional<String> pushedRef(Forge forge, JsonNode payload) {
        JsonNode ref = payload.path("ref");
        if (!ref.isTextual() && forge == Forge.STANDARD) {
            ref = payload.path("data").path("ref");
        }
        return ref.isTextual() && !ref.asText().isBlank() ? Optional.of(ref.asText()) : Optional.empty();
    }

    /** A full followed ref matches itself; a short one (an old state folder's) the branch or tag of that name. */
    static boolean follows(String followed, String pushed) {
        if (followed.startsWith("refs/")) {
            return followed.equals(pushed);
        }
        return pushed.equals("refs/heads/" + followed) || pushed.equals("refs/tags/" + followed);
    }

    /** Text from a request, safe to show in a status line: no control characters, bounded. */
    static String shown(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= SHOWN_CHARS ? clean : clean.substring(0, SHOWN_CHARS) + "...";
    }

    private static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

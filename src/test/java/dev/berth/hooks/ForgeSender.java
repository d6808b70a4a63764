package dev.berth.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deliveries as each forge sends them: its documented example push payload (src/test/resources/hooks) with the
 * ref put in, and the headers its docs list, signed here the way the forge's docs describe, independently of
 * Berth's own verification code. Used by the unit tests and by WebhookIT.
 */
public final class ForgeSender {
    private ForgeSender() {
    }

    /** The forge's documented example push payload, with its {@code ref} replaced by {@code ref}. */
    public static byte[] pushPayload(Forge forge, String ref) {
        String file = switch (forge) {
            case GITHUB -> "github-push.json";
            case GITEA, FORGEJO, GOGS -> "gitea-push.json"; // Forgejo and Gogs document the same push payload as Gitea
            case GITLAB -> "gitlab-push.json";
            case STANDARD -> "standard-push.json";
        };
        try (InputStream in = ForgeSender.class.getResourceAsStream("/hooks/" + file)) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return json.replaceFirst("\"ref\": \"refs/[^\"]*\"", "\"ref\": \"" + ref + "\"").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The headers {@code forge} sends with a push {@code body}, signed with {@code secret}. */
    public static Map<String, String> pushHeaders(Forge forge, String secret, byte[] body, String deliveryId, Instant now) {
        return headers(forge, forge == Forge.GITLAB ? "Push Hook" : "push", secret, body, deliveryId, now);
    }

    /** The headers of an event named {@code event} (the forge's event header), signed with {@code secret}. */
    public static Map<String, String> headers(Forge forge, String event, String secret, byte[] body, String deliveryId, Instant now) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        String hex = HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
        switch (forge) {
            case GITHUB -> {
                h.put("User-Agent", "GitHub-Hookshot/044aadd");
                h.put("X-GitHub-Event", event);
                h.put("X-GitHub-Delivery", deliveryId);
                h.put("X-GitHub-Hook-ID", "292430182");
                h.put("X-Hub-Signature-256", "sha256=" + hex);
            }
            case GITEA, FORGEJO, GOGS -> { // Gitea and Forgejo send every family's event and delivery headers
                if (forge == Forge.FORGEJO) {
                    h.put("X-Forgejo-Delivery", deliveryId);
                    h.put("X-Forgejo-Event", event);
                    h.put("X-Forgejo-Signature", hex);
                }
                if (forge != Forge.GOGS) {
                    h.put("X-GitHub-Delivery", deliveryId);
                    h.put("X-GitHub-Event", event);
                    h.put("X-Gitea-Delivery", deliveryId);
                    h.put("X-Gitea-Event", event);
                    h.put("X-Gitea-Signature", hex);
                }
                h.put("X-Gogs-Delivery", deliveryId);
                h.put("X-Gogs-Event", event);
                h.put("X-Gogs-Signature", hex);
            }
            case GITLAB -> {
                h.put("User-Agent", "GitLab/17.6.0");
                h.put("X-Gitlab-Event", event);
                h.put("X-Gitlab-Event-UUID", deliveryId);
                h.put("X-Gitlab-Instance", "https://gitlab.example.com");
                h.put("X-Gitlab-Token", secret);
            }
            case STANDARD -> {
                String timestamp = Long.toString(now.getEpochSecond());
                byte[] key = secret.startsWith("whsec_") ? Base64.getDecoder().decode(secret.substring(6))
                        : secret.getBytes(StandardCharsets.UTF_8);
                byte[] signed = (deliveryId + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
                h.put("webhook-id", deliveryId);
                h.put("webhook-timestamp", timestamp);
                h.put("webhook-signature", "v1," + Base64.getEncoder().encodeToString(hmac(key, signed)));
            }
        }
        return h;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

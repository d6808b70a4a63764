package dev.berth.hooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a forge proves a delivery is its own. Every comparison is constant-time ({@link MessageDigest#isEqual}),
 * so how long a refusal takes says nothing about how much of a guess was right.
 */
public sealed interface SignatureScheme {

    Verdict verify(Delivery delivery, WebhookSecret secret, Instant now);

    /**
     * The hex HMAC-SHA256 of the body, keyed with the secret as typed, in {@code header}, after {@code prefix}:
     * GitHub's {@code X-Hub-Signature-256: sha256=HEX}; Gitea's, Forgejo's and Gogs' bare hex.
     */
    record BodyHmac(String header, String prefix) implements SignatureScheme {
        @Override
        public Verdict verify(Delivery delivery, WebhookSecret secret, Instant now) {
            Optional<String> given = delivery.header(header);
            if (given.isEmpty()) {
                return Verdict.refused("no " + header + " header (set the webhook's secret in the forge)");
            }
            String value = given.get();
            if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return Verdict.refused(header + " is not " + prefix + "<hex HMAC-SHA256>");
            }
            byte[] expected = HexFormat.of().formatHex(hmac(secret.typedBytes(), delivery.body()))
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] candidate = value.substring(prefix.length()).toLowerCase(java.util.Locale.ROOT)
                    .getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, candidate) ? Verdict.authentic()
                    : Verdict.refused(header + " does not match the body signed with this host's secret");
        }
    }

    /** GitLab's {@code X-Gitlab-Token}: the secret itself, sent back (GitLab signs nothing). */
    record SharedToken(String header) implements SignatureScheme {
        @Override
        public Verdict verify(Delivery delivery, WebhookSecret secret, Instant now) {
            Optional<String> given = delivery.header(header);
            if (given.isEmpty()) {
                return Verdict.refused("no " + header + " header (set the webhook's secret token in GitLab)");
            }
            return MessageDigest.isEqual(secret.typedBytes(), given.get().getBytes(StandardCharsets.UTF_8))
                    ? Verdict.authentic() : Verdict.refused(header + " is not this host's secret");
        }
    }

    /**
     * Standard Webhooks (standardwebhooks.com): {@code webhook-signature} holds space-separated {@code v1,BASE64}
     * entries, each an HMAC-SHA256 of {@code id.timestamp.body}; {@code webhook-timestamp} (Unix seconds) must be
     * within {@code tolerance} of now, either way, so a captured delivery cannot be replayed later.
     */
    record StandardWebhooks(Duration tolerance) implements SignatureScheme {
        @Override
        public Verdict verify(Delivery delivery, WebhookSecret secret, Instant now) {
            Optional<String> id = delivery.header("webhook-id");
            Optional<String> timestamp = delivery.header("webhook-timestamp");
            Optional<String> signature = delivery.header("webhook-signature");
            if (id.isEmpty() || timestamp.isEmpty() || signature.isEmpty()) {
                return Verdict.refused("a Standard Webhooks delivery needs webhook-id, webhook-timestamp and webhook-signature");
            }
            long seconds;
            try {
                seconds = Long.parseLong(timestamp.get());
            } catch (NumberFormatException e) {
                return Verdict.refused("webhook-timestamp is not Unix seconds");
            }
            if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
                return Verdict.refused("webhook-timestamp is more than " + tolerance.toMinutes()
                        + " minutes from this host's clock (a replay, or a clock out of step)");
            }
            byte[] signed = concat((id.get() + "." + timestamp.get() + ".").getBytes(StandardCharsets.UTF_8), delivery.body());
            byte[] expected = java.util.Base64.getEncoder().encode(hmac(secret.standardKey(), signed));
            for (String entry : signature.get().split(" ")) {
                if (entry.startsWith("v1,")
                        && MessageDigest.isEqual(expected, entry.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                    return Verdict.authentic();
                }
            }
            return Verdict.refused("no v1 entry of webhook-signature matches this host's secret");
        }
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /** HMAC-SHA256 of {@code data} under {@code key} (the JDK's implementation). */
    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

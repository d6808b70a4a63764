package dev.berth.hooks;

import dev.berth.host.StateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The one secret every forge signs its deliveries with: {@code whsec_} and 32 random bytes in base64, kept in the
 * state folder readable by its owner only. The same text serves every scheme: GitHub, Gitea, Forgejo and Gogs
 * key their HMAC with its bytes as typed, GitLab sends it back as a token, and Standard Webhooks senders key
 * theirs with the bytes after {@code whsec_} (that prefix is their convention for such secrets). It is read on
 * each delivery, so {@code berth webhook secret --rotate} takes effect without restarting the daemon.
 */
public final class WebhookSecret {
    public static final String FILE = "webhook-secret";
    private static final String PREFIX = "whsec_";
    private static final int RANDOM_BYTES = 32;

    private final String text;

    private WebhookSecret(String text) {
        this.text = text;
    }

    /** The secret kept in the state folder, if {@code berth webhook secret} made one. */
    public static Optional<WebhookSecret> load(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(new WebhookSecret(text));
    }

    /** The kept secret, or a new one kept from now on. */
    public static WebhookSecret loadOrCreate(Path stateDir) throws IOException {
        Optional<WebhookSecret> kept = load(stateDir);
        return kept.isPresent() ? kept.get() : rotate(stateDir);
    }

    /** A new random secret, replacing any kept one (deliveries signed with the old one are refused from now on). */
    public static WebhookSecret rotate(Path stateDir) throws IOException {
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        WebhookSecret secret = new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(random));
        new StateFiles(stateDir).write(FILE, (secret.text + "\n").getBytes(StandardCharsets.US_ASCII));
        return secret;
    }

    /** A secret given as text (tests, and a secret pasted from elsewhere). */
    public static WebhookSecret of(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a webhook secret cannot be empty");
        }
        return new WebhookSecret(text);
    }

    /** The text to paste into the forge. Print it only where the user asked for it. */
    public String reveal() {
        return text;
    }

    /** The HMAC key of GitHub, Gitea, Forgejo and Gogs: the secret's bytes as typed into the forge. */
    byte[] typedBytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The HMAC key of Standard Webhooks: base64 after {@code whsec_}; a secret without that prefix keys with its bytes. */
    byte[] standardKey() {
        if (text.startsWith(PREFIX)) {
            try {
                return Base64.getDecoder().decode(text.substring(PREFIX.length()));
            } catch (IllegalArgumentException notBase64) {
                return typedBytes();
            }
        }
        return typedBytes();
    }

    /** Never the secret itself: this object may end up in a log line or an exception message. */
    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}

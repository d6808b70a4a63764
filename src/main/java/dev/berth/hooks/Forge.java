package dev.berth.hooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The senders Berth takes deliveries from, each at {@code /hooks/WORD}, with how it signs, which header names the
 * delivery and which names the event. The header names are the forges' documented ones (GitHub's webhook docs,
 * Gitea's, Forgejo's and Gogs' "Webhooks" pages, GitLab's webhook events, standardwebhooks.com).
 */
public enum Forge {
    GITHUB("github", new SignatureScheme.BodyHmac("X-Hub-Signature-256", "sha256="), List.of("X-GitHub-Delivery"), "X-GitHub-Event"),
    GITEA("gitea", new SignatureScheme.BodyHmac("X-Gitea-Signature", ""), List.of("X-Gitea-Delivery"), "X-Gitea-Event"),
    FORGEJO("forgejo", new SignatureScheme.BodyHmac("X-Forgejo-Signature", ""), List.of("X-Forgejo-Delivery"), "X-Forgejo-Event"),
    GOGS("gogs", new SignatureScheme.BodyHmac("X-Gogs-Signature", ""), List.of("X-Gogs-Delivery"), "X-Gogs-Event"),
    /** Idempotency-Key (GitLab 17.4 on) stays the same when GitLab retries a delivery; the event UUID before it. */
    GITLAB("gitlab", new SignatureScheme.SharedToken("X-Gitlab-Token"), List.of("Idempotency-Key", "X-Gitlab-Event-UUID"), "X-Gitlab-Event"),
    /** Anything else that signs the Standard Webhooks way (a CI job, a chat bot, GitLab's signing token). */
    STANDARD("standard", new SignatureScheme.StandardWebhooks(Duration.ofMinutes(5)), List.of("webhook-id"), null);

    private final String word;
    private final SignatureScheme signature;
    private final List<String> deliveryHeaders;
    private final String eventHeader;

    Forge(String word, SignatureScheme signature, List<String> deliveryHeaders, String eventHeader) {
        this.word = word;
        this.signature = signature;
        this.deliveryHeaders = deliveryHeaders;
        this.eventHeader = eventHeader;
    }

    /** The last segment of its URL: {@code /hooks/github}; also the word in {@value LastWebhook#FILE}. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String word() {
        return word;
    }

    public SignatureScheme signature() {
        return signature;
    }

    /** The forge given by a URL's last segment, if it is one. */
    public static Optional<Forge> byWord(String word) {
        for (Forge f : values()) {
            if (f.word.equals(word)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The delivery's id as this forge names it, if sent. */
    public Optional<String> deliveryId(Delivery delivery) {
        for (String header : deliveryHeaders) {
            Optional<String> id = delivery.header(header);
            if (id.isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }

    /** The event named in the forge's event header; empty for Standard Webhooks, which have none. */
    public Optional<String> event(Delivery delivery) {
        return eventHeader == null ? Optional.empty() : delivery.header(eventHeader);
    }

    /** Whether {@code event} (this forge's event header) is a push of a branch or a tag. */
    public boolean isPush(String event) {
        return this == GITLAB ? event.equals("Push Hook") || event.equals("Tag Push Hook") : event.equals("push");
    }

    @Override
    public String toString() {
        return word;
    }
}

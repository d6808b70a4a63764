package dev.berth.hooks;

/**
 * The answer to one delivery: the HTTP status, what Berth did and why (the body the forge shows in its delivery
 * log), and, when known, the delivery's id and the pushed ref.
 */
public record Reception(int status, WebhookOutcome outcome, String reason, String deliveryId, String ref) {

    static Reception triggered(String deliveryId, String ref) {
        return new Reception(202, WebhookOutcome.TRIGGERED, "sync triggered: push to " + ref, deliveryId, ref);
    }

    static Reception ignored(String reason, String deliveryId, String ref) {
        return new Reception(200, WebhookOutcome.IGNORED, reason, deliveryId, ref);
    }

    static Reception refused(int status, String reason, String deliveryId) {
        return new Reception(status, WebhookOutcome.REFUSED, reason, deliveryId, null);
    }
}

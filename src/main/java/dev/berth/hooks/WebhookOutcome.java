package dev.berth.hooks;

import com.fasterxml.jackson.annotation.JsonValue;

/** What Berth did with a delivery. */
public enum WebhookOutcome {
    /** an authentic push of the followed ref: a sync was asked for */
    TRIGGERED("triggered"),
    /** authentic, but nothing to do: another ref, another event, or a delivery already seen */
    IGNORED("ignored"),
    /** not authentic (no or a wrong signature), or not acceptable (too large, not JSON): nothing happened */
    REFUSED("refused");

    private final String word;

    WebhookOutcome(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    @Override
    public String toString() {
        return word;
    }
}

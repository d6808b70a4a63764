package dev.berth.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.berth.json.Json;
import java.util.List;

/**
 * The generic webhook's body, schema {@code berth.notification/v1} (README, "Notifications"). Fields are only ever
 * added within v1; a change of meaning makes v2.
 */
record WebhookDocument(String schema, String kind, String host, String commit, String previousCommit, String reason,
                       String refusal, List<String> failedUnits, String time) {

    static final String SCHEMA = "berth.notification/v1";

    static WebhookDocument of(Event e) {
        return new WebhookDocument(SCHEMA, e.kind().word(), e.host(), e.commit(), e.previousCommit(), e.reason(),
                e.refusal().map(k -> k.name().toLowerCase().replace('_', '-')).orElse(null), e.failedUnits(), e.time().toString());
    }

    static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a notification as JSON", e);
        }
    }
}

package dev.berth.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP request each HTTP sink makes for an event: pure, so every sink's shape is unit-tested. */
final class SinkRequests {
    private SinkRequests() {
    }

    static Outgoing webhook(Sink.Webhook s, Event e) {
        return new Outgoing("POST", s.url(), Map.of("Content-Type", "application/json"), WebhookDocument.write(WebhookDocument.of(e)));
    }

    static Outgoing ntfy(Sink.Ntfy s, Event e) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Title", ascii(EventText.title(e)));
        headers.put("Priority", e.kind().ntfyPriority());
        headers.put("Tags", "berth," + e.kind().word());
        if (s.token() != null) {
            headers.put("Authorization", "Bearer " + s.token());
        }
        return new Outgoing("POST", s.url(), headers, EventText.body(e));
    }

    static Outgoing slack(Sink.Slack s, Event e) {
        return new Outgoing("POST", s.url(), Map.of("Content-Type", "application/json"),
                WebhookDocument.write(Map.of("text", "*" + EventText.title(e) + "*\n" + EventText.body(e))));
    }

    /** PUT /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}; the transaction id makes a retry idempotent. */
    static Outgoing matrix(Sink.Matrix s, Event e, String transactionId) {
        String base = s.homeserver().toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/_matrix/client/v3/rooms/" + URLEncoder.encode(s.room(), StandardCharsets.UTF_8).replace("+", "%20")
                + "/send/m.room.message/" + URLEncoder.encode(transactionId, StandardCharsets.UTF_8));
        Map<String, String> body = new LinkedHashMap<>();
        body.put("msgtype", "m.text");
        body.put("body", EventText.title(e) + "\n" + EventText.body(e));
        return new Outgoing("PUT", uri, Map.of("Content-Type", "application/json", "Authorization", "Bearer " + s.token()),
                WebhookDocument.write(body));
    }

    // HTTP header values are ISO-8859-1 at best: ntfy reads a UTF-8 title only RFC 2047-encoded, so keep it plain
    private static String ascii(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}

package dev.berth.notify;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where notifications go, as {@code notify.json} in the state folder holds it (mode 0600: it holds tokens). Each sink
 * has a name and its own filter: the events it gets ({@link EventKind#DEFAULT} when it names none).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Sink.Webhook.class, name = "webhook"),
        @JsonSubTypes.Type(value = Sink.Ntfy.class, name = "ntfy"),
        @JsonSubTypes.Type(value = Sink.Slack.class, name = "slack"),
        @JsonSubTypes.Type(value = Sink.Matrix.class, name = "matrix"),
        @JsonSubTypes.Type(value = Sink.Email.class, name = "email")})
public sealed interface Sink {

    String name();

    Set<EventKind> events();

    /** Where it sends to, with every secret redacted: what {@code list}, logs and errors show. */
    String target();

    /** The strings that must never appear in an output (scrubbed from errors). */
    List<String> secrets();

    default boolean wants(EventKind kind) {
        return kind == EventKind.TEST || (events().isEmpty() ? EventKind.DEFAULT : events()).contains(kind);
    }

    /** A generic JSON webhook: the {@code berth.notification/v1} document, POSTed. */
    record Webhook(String name, Set<EventKind> events, URI url) implements Sink {
        public String target() {
            return SecretUrls.redact(url);
        }

        public List<String> secrets() {
            return urlSecrets(url);
        }
    }

    /** ntfy: a POST to the topic URL, with Title, Priority and Tags headers; {@code token}, if any, as a Bearer token. */
    record Ntfy(String name, Set<EventKind> events, URI url, String token) implements Sink {
        public String target() {
            return SecretUrls.redact(url) + (token == null ? "" : " (token ***)");
        }

        public List<String> secrets() {
            List<String> s = new ArrayList<>(urlSecrets(url));
            s.add(token);
            return s;
        }
    }

    /** A Slack-compatible incoming webhook (also Mattermost, Rocket.Chat): {"text": ...}. */
    record Slack(String name, Set<EventKind> events, URI url) implements Sink {
        public String target() {
            return SecretUrls.redact(url);
        }

        public List<String> secrets() {
            return urlSecrets(url);
        }
    }

    /** Matrix: an {@code m.room.message} sent to {@code room} on {@code homeserver} with an access token. */
    record Matrix(String name, Set<EventKind> events, URI homeserver, String room, String token) implements Sink {
        public String target() {
            return SecretUrls.redact(homeserver) + " room " + room + " (token ***)";
        }

        public List<String> secrets() {
            List<String> s = new ArrayList<>(urlSecrets(homeserver));
            s.add(token);
            return s;
        }
    }

    /** Email over SMTP; {@code security}: STARTTLS (required), TLS from the first byte, or NONE (a local relay). */
    record Email(String name, Set<EventKind> events, String host, int port, Security security, String user,
                 String password, String from, List<String> to) implements Sink {
        public enum Security { STARTTLS, TLS, NONE }

        public String target() {
            return "smtp://" + (user == null ? "" : user + ":***@") + host + ":" + port + " (" + security + ") to "
                    + String.join(", ", to);
        }

        public List<String> secrets() {
            List<String> s = new ArrayList<>();
            s.add(password);
            return s;
        }
    }

    private static List<String> urlSecrets(URI url) {
        List<String> s = new ArrayList<>();
        s.add(url.toString());
        s.add(url.getRawPath());
        s.add(url.getRawQuery());
        s.add(url.getRawUserInfo());
        if (url.getRawPath() != null) {
            for (String segment : url.getRawPath().split("/")) {
                if (segment.length() >= 8) { // a key or a topic; shorter ones are words like "hooks" or "api"
                    s.add(segment);
                }
            }
        }
        return s;
    }
}

package dev.berth.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends {@link Outgoing} requests with the JDK's client: bounded connect and response times, redirects not followed.
 * The client is built on the first send: building it sets up TLS and a selector thread (several hundred classes, a few
 * MiB of the daemon's memory), which a daemon with no sink, or one that never sends, does not need.
 */
final class HttpDelivery {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    private HttpClient client;

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }

    void send(Outgoing o) throws DeliveryException {
        HttpRequest.Builder b = HttpRequest.newBuilder(o.uri()).timeout(RESPONSE_TIMEOUT)
                .method(o.method(), HttpRequest.BodyPublishers.ofString(o.body()));
        o.headers().forEach(b::header);
        b.header("User-Agent", "berth");
        HttpResponse<String> r;
        try {
            r = client().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", false, e);
        }
        int code = r.statusCode();
        if (code / 100 != 2) {
            String body = r.body() == null ? "" : r.body().strip();
            throw new DeliveryException("HTTP " + code + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body)),
                    code >= 500 || code == 408 || code == 429, null);
        }
    }
}

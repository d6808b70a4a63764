package dev.berth.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.http.HttpEndpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The servlet in a real embedded Tomcat, as the daemon mounts it: methods, paths, size bound, the record it keeps. */
class WebhookServletTest {
    @TempDir
    Path stateDir;

    private final AtomicInteger syncs = new AtomicInteger();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpEndpoint endpoint;
    private String secret;

    @BeforeEach
    void start() throws IOException {
        secret = WebhookSecret.loadOrCreate(stateDir).reveal();
        WebhookHost host = new WebhookHost() {
            @Override
            public Optional<WebhookSecret> secret() throws IOException {
                return WebhookSecret.load(stateDir);
            }

            @Override
            public Optional<String> followedRef() {
                return Optional.of("refs/heads/main");
            }

            @Override
            public void syncNow() {
                syncs.incrementAndGet();
            }
        };
        WebhookServlet servlet = new WebhookServlet(new WebhookReceiver(host, Clock.systemUTC()), stateDir, log::add, Clock.systemUTC());
        endpoint = HttpEndpoint.builder().listen("127.0.0.1", 0).servlet("hooks", servlet, "/hooks/*").start();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private HttpResponse<String> post(String path, Map<String, String> headers, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path)).POST(body);
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("User-Agent")) {
                b.header(name, value);
            }
        });
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> push(String ref, String id) throws Exception {
        byte[] body = ForgeSender.pushPayload(Forge.GITHUB, ref);
        return post("/hooks/github", ForgeSender.pushHeaders(Forge.GITHUB, secret, body, id, Instant.now()),
                HttpRequest.BodyPublishers.ofByteArray(body));
    }

    @Test
    void aSignedPushIsAcceptedRecordedAndLogged() throws Exception {
        HttpResponse<String> r = push("refs/heads/main", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).isEqualTo("triggered: sync triggered: push to refs/heads/main\n");
        assertThat(syncs).hasValue(1);
        LastWebhook last = LastWebhook.read(stateDir).orElseThrow();
        assertThat(last.forge()).isEqualTo(Forge.GITHUB);
        assertThat(last.deliveryId()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertThat(last.outcome()).isEqualTo(WebhookOutcome.TRIGGERED);
        assertThat(last.summary()).isEqualTo("github delivery 72d3162e-cc78-11e3-81ab-4c9367dc0958 refs/heads/main: triggered "
                + "(sync triggered: push to refs/heads/main)");
        assertThat(Files.getPosixFilePermissions(stateDir.resolve(LastWebhook.FILE))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(log).containsExactly("webhook " + last.summary());
        assertThat(String.join("\n", log) + Files.readString(stateDir.resolve(LastWebhook.FILE))).doesNotContain(secret);
    }

    @Test
    void aForgedPushIs401AndRecordedAsRefused() throws Exception {
        byte[] body = ForgeSender.pushPayload(Forge.GITHUB, "refs/heads/main");
        HttpResponse<String> r = post("/hooks/github", ForgeSender.pushHeaders(Forge.GITHUB, "not-the-secret", body, "x", Instant.now()),
                HttpRequest.BodyPublishers.ofByteArray(body));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(syncs).hasValue(0);
        assertThat(LastWebhook.read(stateDir).orElseThrow().outcome()).isEqualTo(WebhookOutcome.REFUSED);
    }

    @Test
    void onlyPostAndOnlyKnownForges() throws Exception {
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/hooks/github"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(post("/hooks/bitbucket", Map.of(), HttpRequest.BodyPublishers.ofString("{}")).statusCode()).isEqualTo(404);
        assertThat(post("/hooks/", Map.of(), HttpRequest.BodyPublishers.ofString("{}")).statusCode()).isEqualTo(404);
        assertThat(syncs).hasValue(0);
        assertThat(LastWebhook.read(stateDir)).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIs413WhetherDeclaredOrStreamed() throws Exception {
        byte[] big = ForgeSender.pushPayload(Forge.GITHUB, "refs/heads/main" + " ".repeat(WebhookServlet.MAX_BODY_BYTES));
        Map<String, String> headers = ForgeSender.pushHeaders(Forge.GITHUB, secret, big, "big", Instant.now());
        HttpResponse<String> declared = post("/hooks/github", headers, HttpRequest.BodyPublishers.ofByteArray(big));
        assertThat(declared.statusCode()).isEqualTo(413);
        // chunked, with no Content-Length: found too large while reading
        HttpResponse<String> streamed = post("/hooks/github", headers, HttpRequest.BodyPublishers.ofInputStream(
                () -> new SequenceInputStream(new ByteArrayInputStream(big), InputStream.nullInputStream())));
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(syncs).hasValue(0);
        assertThat(LastWebhook.read(stateDir).orElseThrow().reason()).isEqualTo("body over 1024 KiB");
    }

    @Test
    void aRotatedSecretTakesEffectWithoutARestart() throws Exception {
        String old = secret;
        secret = WebhookSecret.rotate(stateDir).reveal();
        assertThat(secret).isNotEqualTo(old).startsWith("whsec_");
        assertThat(push("refs/heads/main", "after-rotation").statusCode()).isEqualTo(202);
        secret = old;
        assertThat(push("refs/heads/main", "old-secret").statusCode()).isEqualTo(401);
        assertThat(syncs).hasValue(1);
    }

    @Test
    void theSecretIsOwnerOnlyKeptAndNeverPrintedByToString() throws IOException {
        Path file = stateDir.resolve(WebhookSecret.FILE);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file).strip()).isEqualTo(secret);
        assertThat(WebhookSecret.loadOrCreate(stateDir).reveal()).isEqualTo(secret);
        assertThat(WebhookSecret.load(stateDir).orElseThrow().toString()).doesNotContain(secret.substring(6, 20));
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
    }
}

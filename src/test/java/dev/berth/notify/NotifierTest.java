package dev.berth.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.berth.apply.Progress;
import dev.berth.status.NotifyStatus;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue and the retries, against a real HTTP server on loopback. */
class NotifierTest {
    @TempDir
    Path dir;
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private Notifier notifier(int port) throws Exception {
        NotifyFiles files = new NotifyFiles(dir);
        files.save(NotifyConfig.EMPTY.with(new Sink.Webhook("hook", Set.of(), URI.create("http://127.0.0.1:" + port + "/h/secret-path-123"))));
        return new Notifier(files, "h", Clock.systemUTC(), Progress.SILENT, new Notifier.RetryPolicy(3, Duration.ofMillis(10))).begin();
    }

    private static Event event(String commit) {
        return new Event(EventKind.DEPLOYED, "h", commit, null, "r", Optional.empty(), List.of(), Instant.now());
    }

    @Test
    void aFailedSendIsTriedAgainAndTheErrorIsKept() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch fourth = new CountDownLatch(4);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(calls.incrementAndGet() < 3 ? 503 : 200, -1);
            x.close();
            fourth.countDown();
        });
        server.start();
        try (Notifier n = notifier(server.getAddress().getPort())) {
            n.publish(event("c1"));
            n.publish(event("c2")); // sent after c1's third try: the one thread records c1's send before it
            assertThat(fourth.await(10, TimeUnit.SECONDS)).isTrue();
        }
        NotifyStatus status = new NotifyFiles(dir).status().orElseThrow();
        assertThat(status.lastSent().commit()).isIn("c1", "c2");
        assertThat(status.lastError().message()).isEqualTo("HTTP 503");
        assertThat(calls.get()).isEqualTo(4);
    }

    @Test
    void aFullQueueDropsTheOldestAndPublishingNeverWaits() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();
        CountDownLatch all = new CountDownLatch(1 + Notifier.CAPACITY);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", x -> {
            bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            first.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(200, -1);
            x.close();
            all.countDown();
        });
        server.start();
        try (Notifier n = notifier(server.getAddress().getPort())) {
            n.publish(event("first"));
            assertThat(first.await(10, TimeUnit.SECONDS)).isTrue(); // the worker is now stuck in that send
            long start = System.nanoTime();
            for (int i = 0; i < Notifier.CAPACITY + 5; i++) {
                n.publish(event("c" + i));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(n.dropped()).isEqualTo(5);
            assertThat(n.queued()).isEqualTo(Notifier.CAPACITY);
            release.countDown();
            assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(bodies).hasSize(1 + Notifier.CAPACITY);
        assertThat(String.join("\n", bodies)).doesNotContain("\"c4\"").contains("\"c5\"").contains("\"first\"");
    }
}

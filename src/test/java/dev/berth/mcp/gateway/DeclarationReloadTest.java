package dev.berth.mcp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.mcp.declaration.McpLock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reading the declarations again: never two reads at once (a read exports the deployed commit into one folder per
 * process, and two deployments recorded close together once had one read delete what the other was reading), and a
 * read that failed is tried again on its own, not only when the next deployment is recorded.
 */
class DeclarationReloadTest {
    private static final GatewayTimings FAST = new GatewayTimings(Duration.ofMinutes(10), Duration.ofMillis(10), Duration.ofMillis(50));

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private DownstreamServers servers(DeclarationSource source) {
        return new DownstreamServers(source, DownstreamServer.CONNECT, FAST, scheduler, log::add, () -> { });
    }

    @Test
    void twoReloadsAtOnceReadOneAfterTheOther() throws Exception {
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        DownstreamServers servers = servers(new DeclarationSource() {
            @Override
            public String version() {
                return "v1";
            }

            @Override
            public Snapshot load() throws IOException {
                mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                reads.incrementAndGet();
                firstInside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                } finally {
                    inside.decrementAndGet();
                }
                return new Snapshot("v1", List.of(), McpLock.empty());
            }
        });

        Thread first = Thread.ofPlatform().start(servers::reloadIfChanged);
        assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
        Thread second = Thread.ofPlatform().start(servers::reloadIfChanged);
        awaitState(second, Thread.State.BLOCKED); // waits for the first read instead of starting its own
        release.countDown();
        first.join(10_000);
        second.join(10_000);

        assertThat(mostInside.get()).isEqualTo(1);
        assertThat(reads.get()).as("the second finds the version already read").isEqualTo(1);
        assertThat(log).isEmpty();
    }

    @Test
    void aFailedReadIsTriedAgainWithoutANewDeployment() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch readAgain = new CountDownLatch(1);
        DownstreamServers servers = servers(new DeclarationSource() {
            @Override
            public String version() {
                return "v1";
            }

            @Override
            public Snapshot load() throws IOException {
                if (reads.incrementAndGet() == 1) {
                    throw new IOException("/var/lib/berth/checkouts/mcp-1");
                }
                readAgain.countDown();
                return new Snapshot("v1", List.of(), McpLock.empty());
            }
        });

        servers.reloadIfChanged();
        assertThat(log).singleElement().asString().contains("cannot read the declarations").contains("tried again");
        assertThat(readAgain.await(10, TimeUnit.SECONDS)).as("read again on its own").isTrue();
        servers.reloadIfChanged();
        assertThat(reads.get()).as("once read, the same version is not read again").isEqualTo(2);
    }

    private static void awaitState(Thread t, Thread.State state) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != state && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(t.getState()).isEqualTo(state);
    }
}

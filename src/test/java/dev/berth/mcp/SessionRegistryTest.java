package dev.berth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SessionRegistry registry = new SessionRegistry(new SessionLimits(3, 2, Duration.ofSeconds(10)), now::get);

    private void open(String caller, String id) {
        SessionRegistry.Admission a = registry.admit(caller);
        assertThat(a).isInstanceOf(SessionRegistry.Admitted.class);
        registry.confirm((SessionRegistry.Admitted) a, id);
    }

    @Test
    void capsSessionsPerCallerWith429AndInTotalWith503() {
        open("a", "a1");
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        open("a", "a2");
        SessionRegistry.Admission mine = registry.admit("a");
        assertThat(mine).isInstanceOf(SessionRegistry.Refused.class);
        SessionRegistry.Refused r = (SessionRegistry.Refused) mine;
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.retryAfterSeconds()).as("a1 expires in 6 s").isEqualTo(6);
        open("b", "b1");
        SessionRegistry.Refused full = (SessionRegistry.Refused) registry.admit("c");
        assertThat(full.status()).isEqualTo(503);
        assertThat(full.message()).contains("--mcp-max-sessions");
    }

    @Test
    void slotsHeldForInitializeRequestsCountAndACancelledOneIsFreedAgain() {
        SessionRegistry.Admitted one = (SessionRegistry.Admitted) registry.admit("a");
        SessionRegistry.Admitted two = (SessionRegistry.Admitted) registry.admit("a");
        assertThat(registry.admit("a")).isInstanceOf(SessionRegistry.Refused.class);
        registry.cancel(one);
        registry.confirm(two, "a2");
        assertThat(registry.admit("a")).isInstanceOf(SessionRegistry.Admitted.class);
    }

    @Test
    void aSessionIsOnlyItsCallersAndEndsWhenIdleOrDeleted() {
        open("a", "a1");
        open("a", "a2");
        assertThat(registry.touch("a1", "b")).as("another caller's session").isFalse();
        assertThat(registry.touch("nope", "a")).isFalse();
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(registry.touch("a1", "a")).isTrue(); // used: a1 stays, a2 idles on
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(registry.touch("a2", "a")).as("idle longer than the limit, before the sweep").isFalse();
        assertThat(registry.expire()).containsExactly("a2");
        assertThat(registry.size()).isEqualTo(1);
        registry.end("a1");
        assertThat(registry.touch("a1", "a")).isFalse();
        assertThat(registry.size()).isZero();
    }
}

package dev.berth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCacheTest {
    @TempDir
    Path state;

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger collected = new AtomicInteger();

    private StatusCache cache() {
        return new StatusCache(() -> Map.of("n", collected.incrementAndGet()), state, Duration.ofSeconds(2), now::get);
    }

    @Test
    void answersFromTheCacheUntilTheTtlPasses() throws Exception {
        StatusCache c = cache();
        assertThat(c.get()).containsEntry("n", 1);
        now.addAndGet(Duration.ofMillis(1999).toNanos());
        assertThat(c.get()).containsEntry("n", 1);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(c.get()).containsEntry("n", 2);
    }

    @Test
    void collectsAgainAtOnceWhenTheStateFolderChangesOrAWriteRan() throws Exception {
        StatusCache c = cache();
        assertThat(c.get()).containsEntry("n", 1);
        Files.writeString(state.resolve("history.json"), "[]"); // a deployment recorded
        assertThat(c.get()).containsEntry("n", 2);
        assertThat(c.get()).containsEntry("n", 2);
        c.invalidate();
        assertThat(c.get()).containsEntry("n", 3);
    }
}

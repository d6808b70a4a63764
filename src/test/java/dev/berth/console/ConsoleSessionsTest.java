package dev.berth.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
    private final AtomicLong now = new AtomicLong();
    private final ConsoleSessions sessions = new ConsoleSessions(2, Duration.ofMinutes(30), now::get);

    @Test
    void sessionsAreCappedAndEndAfterTheIdleTime() {
        ConsoleSessions.Session a = sessions.open("token:1").orElseThrow();
        ConsoleSessions.Session b = sessions.open("token:1").orElseThrow();
        assertThat(a.id()).isNotEqualTo(b.id()).hasSize(43);
        assertThat(a.csrf()).isNotEqualTo(a.id());
        assertThat(sessions.open("token:1")).as("the cap").isEmpty();
        now.addAndGet(Duration.ofMinutes(20).toNanos());
        assertThat(sessions.find(a.id())).hasValue(a);
        now.addAndGet(Duration.ofMinutes(20).toNanos());
        assertThat(sessions.find(b.id())).as("idle 40 min").isEmpty();
        assertThat(sessions.find(a.id())).as("used 20 min ago").hasValue(a);
        assertThat(sessions.open("token:1")).as("room again").isPresent();
        sessions.end(a.id());
        assertThat(sessions.find(a.id())).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }
}

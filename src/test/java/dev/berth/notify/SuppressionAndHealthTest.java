package dev.berth.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuppressionAndHealthTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    private static Event event(EventKind kind, String commit, Instant at) {
        return new Event(kind, "h", commit, null, "r", Optional.empty(), List.of(), at);
    }

    @Test
    void theSameKindCommitAndChannelGoOncePerWindow() {
        RepeatFilter f = new RepeatFilter(Duration.ofHours(1));
        assertThat(f.admit("hook", event(EventKind.REFUSED, "c1", T0))).isTrue();
        assertThat(f.admit("hook", event(EventKind.REFUSED, "c1", T0.plusSeconds(60)))).isFalse();
        assertThat(f.admit("mail", event(EventKind.REFUSED, "c1", T0.plusSeconds(60)))).isTrue();
        assertThat(f.admit("hook", event(EventKind.REFUSED, "c2", T0.plusSeconds(60)))).isTrue();
        assertThat(f.admit("hook", event(EventKind.FAILED, "c1", T0.plusSeconds(60)))).isTrue();
        assertThat(f.admit("hook", event(EventKind.REFUSED, "c1", T0.plus(Duration.ofHours(1))))).isTrue();
        assertThat(f.admit("hook", event(EventKind.TEST, null, T0))).isTrue();
        assertThat(f.admit("hook", event(EventKind.TEST, null, T0))).isTrue();
    }

    @Test
    void unhealthyAfterThreeFailuresInARowOncePerSpell() {
        HealthWatch w = new HealthWatch("h", 3, Duration.ofMinutes(30), T0);
        assertThat(w.finished(false, "c", "e1", T0)).isEmpty();
        assertThat(w.finished(false, "c", "e2", T0)).isEmpty();
        assertThat(w.finished(false, "c", "e3", T0)).get().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.UNHEALTHY);
            assertThat(e.reason()).isEqualTo("3 syncs failed in a row; the last: e3");
        });
        assertThat(w.finished(false, "c", "e4", T0)).isEmpty();
        assertThat(w.finished(true, "c", null, T0)).isEmpty();
        w.finished(false, "c", "e", T0);
        w.finished(false, "c", "e", T0);
        assertThat(w.finished(false, "c", "e", T0)).isPresent();
    }

    @Test
    void unhealthyWhenNoSyncFinishesInTime() {
        HealthWatch w = new HealthWatch("h", 3, Duration.ofMinutes(30), T0);
        assertThat(w.check(T0.plus(Duration.ofMinutes(29)))).isEmpty();
        assertThat(w.check(T0.plus(Duration.ofMinutes(31)))).get().extracting(Event::reason).asString().contains("stuck");
        assertThat(w.check(T0.plus(Duration.ofMinutes(40)))).isEmpty();
        w.finished(true, "c", null, T0.plus(Duration.ofMinutes(41)));
        assertThat(w.check(T0.plus(Duration.ofMinutes(72)))).isPresent();
        assertThat(HealthWatch.stuckAfter(Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(30));
        assertThat(HealthWatch.stuckAfter(Duration.ofHours(1))).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void secretsInUrlsAreRedactedAndScrubbed() {
        assertThat(SecretUrls.redact(java.net.URI.create("https://user:pw@hooks.example.org:8443/services/T/B/XYZ?token=abc")))
                .isEqualTo("https://***@hooks.example.org:8443/***?***");
        assertThat(SecretUrls.redact(java.net.URI.create("https://ntfy.sh"))).isEqualTo("https://ntfy.sh");
        Sink.Slack s = new Sink.Slack("s", java.util.Set.of(), java.net.URI.create("https://hooks.slack.com/services/T000/B000/abcdefghijkl"));
        assertThat(SecretUrls.scrub("POST https://hooks.slack.com/services/T000/B000/abcdefghijkl: 404 for abcdefghijkl", s.secrets()))
                .isEqualTo("POST ***: 404 for ***");
    }
}

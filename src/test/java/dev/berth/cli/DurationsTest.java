package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsTheFormsUsersType() {
        assertThat(Durations.parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void rejectsNonsenseWithAnExample() {
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("e.g. 30s");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("5x")).hasMessageContaining("not a duration");
    }
}

package dev.berth.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessRunnerStdinTest {

    @Test
    void bytesGivenForStdinReachTheProcessAndNotItsArguments() {
        ProcessResult r = new ProcessRunner().run(List.of("cat"), "hidden value".getBytes(), Duration.ofSeconds(10));
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("hidden value");
    }

    @Test
    void withoutStdinTheProcessReadsNothing() {
        ProcessResult r = new ProcessRunner().run(List.of("wc", "-c"), Duration.ofSeconds(10));
        assertThat(r.stdout().strip()).isEqualTo("0");
    }
}

package dev.berth.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessRunnerTimeoutTest {

    /**
     * A command that times out while a child of it still holds its output open (as podman's conmon does):
     * the JDK closes the pipe under the reader when the killed process is reaped. That is a timeout to
     * report, with what the command printed so far, not an exception that ends Berth.
     */
    @Test
    void aTimeoutWhileAChildHoldsTheOutputOpenIsATimeoutNotACrash() throws Exception {
        long start = System.nanoTime();
        ProcessResult r = new ProcessRunner().run(
                List.of("sh", "-c", "sleep 30 & echo started; echo warned >&2; sleep 30"), Duration.ofMillis(700));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not held until the child ends")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.ok()).isFalse();
        assertThat(r.stdout()).isIn("started\n", "");
        assertThat(r.stderr()).isIn("warned\n", "");
        assertThat(java.util.concurrent.ForkJoinPool.commonPool().submit(() -> "free").get(5, java.util.concurrent.TimeUnit.SECONDS))
                .as("the readers still blocked on the child's pipe hold no worker of the common pool").isEqualTo("free");
    }
}

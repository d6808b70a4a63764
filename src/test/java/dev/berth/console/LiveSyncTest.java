package dev.berth.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.DeploymentFinished;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Syncs the console did not start are runs too: an open page sees them step by step, the console's own are not told twice. */
class LiveSyncTest {
    private static final DeploymentFinished CRASHED = new DeploymentFinished(Optional.empty(), Duration.ofMillis(5));

    @Test
    void aSyncOfTheDaemonsIsFollowedStepByStepAndEnds() throws Exception {
        try (LiveSync live = new LiveSync(line -> { })) {
            BlockingQueue<LiveSync.Event> next = live.follow(false);
            assertThat(next).as("nothing runs: the overview waits for the next run").isEmpty();
            live.outsideStep("fetching");
            assertThat(live.running()).isTrue();
            live.outsideStep("restarting web.service");
            assertThat(live.start("someone syncs", p -> new LiveSync.Done(true, "x"))).as("one run at a time").isFalse();
            live.outsideFinished(CRASHED);
            assertThat(live.running()).isFalse();
            List<LiveSync.Event> seen = new ArrayList<>();
            next.drainTo(seen);
            assertThat(seen).hasSize(4);
            assertThat(seen.get(1)).isEqualTo(new LiveSync.Step("fetching"));
            assertThat(seen.get(2)).isEqualTo(new LiveSync.Step("restarting web.service"));
            assertThat(seen.get(3)).isInstanceOf(LiveSync.Done.class).extracting(e -> ((LiveSync.Done) e).ok()).isEqualTo(false);
            assertThat(live.follow(true)).as("the sync page opened after: the whole last run").hasSize(4);
            assertThat(live.follow(false)).as("the overview opened after: waits for the next").isEmpty();
        }
    }

    @Test
    void aConsoleWritesOwnDeploymentIsToldOnceByTheWrite() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (LiveSync live = new LiveSync(line -> { })) {
            BlockingQueue<LiveSync.Event> q = live.follow(false);
            assertThat(live.start("alice syncs", p -> {
                p.step("own step");
                release.await();
                return new LiveSync.Done(true, "deployed abc");
            })).isTrue();
            live.outsideStep("own step"); // the same step, told by the daemon's events
            live.outsideFinished(CRASHED); // the deployment's end, before the write's call returns
            release.countDown();
            List<LiveSync.Event> seen = new ArrayList<>();
            while (seen.isEmpty() || !(seen.getLast() instanceof LiveSync.Done)) {
                LiveSync.Event e = q.poll(10, TimeUnit.SECONDS);
                assertThat(e).as("the write ends").isNotNull();
                seen.add(e);
            }
            assertThat(seen).containsExactly(new LiveSync.Step("alice syncs"), new LiveSync.Step("own step"),
                    new LiveSync.Done(true, "deployed abc"));
        }
    }
}

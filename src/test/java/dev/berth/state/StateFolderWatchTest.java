package dev.berth.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another process's deployment is seen through the kernel's file events, as Berth writes its records. */
class StateFolderWatchTest {
    @TempDir
    Path state;

    @Test
    void aRecordRenamedIntoPlaceIsSeenAndOtherFilesAreNot() throws Exception {
        Semaphore seen = new Semaphore(0);
        try (StateFolderWatch ignored = StateFolderWatch.start(state, seen::release)) {
            Files.writeString(state.resolve("rejected.json"), "{}");
            Files.writeString(state.resolve("history.jsonl"), "{}\n");
            assertThat(seen.tryAcquire(500, TimeUnit.MILLISECONDS)).as("files that are not deployment records").isFalse();

            // as StateStore writes: a finished temporary file renamed over the record
            new StateStore(state).saveApplied(AppliedState.empty());
            assertThat(seen.tryAcquire(10, TimeUnit.SECONDS)).as("applied.json written").isTrue();
        }
    }

    @Test
    void afterCloseNothingMoreIsReported() throws Exception {
        Semaphore seen = new Semaphore(0);
        StateFolderWatch watch = StateFolderWatch.start(state, seen::release);
        watch.close();
        new StateStore(state).saveApplied(AppliedState.empty());
        assertThat(seen.tryAcquire(500, TimeUnit.MILLISECONDS)).isFalse();
    }
}

package dev.berth.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One output stream of a command, read on its own thread into memory. What was read so far can be taken at
 * any time: a command's output may stay open after the command ended (a child of it still holds it), or be
 * closed under the reader when the JDK reaps a killed command, and neither may hang or crash the caller.
 */
final class OutputCapture {
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private OutputCapture(InputStream in) {
        // A thread of its own, never a shared pool's: the read may block for as long as a child of the command
        // holds the pipe, and a blocked worker of the common pool starves everything else that uses it.
        Thread.ofPlatform().daemon().name("berth-command-output").start(() -> {
            readAll(in);
            done.complete(null);
        });
    }

    static OutputCapture start(InputStream in) {
        return new OutputCapture(in);
    }

    private void readAll(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (seen) {
                    seen.write(buffer, 0, n);
                }
            }
        } catch (IOException closedUnderUs) {
            // keep what arrived before the pipe was closed
        }
    }

    /** The text read by the end of the stream, or by {@code grace} from now, whichever comes first. */
    String text(Duration grace) {
        try {
            done.get(grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException stillOpenOrBroken) {
            // take what there is
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (seen) {
            return seen.toString(StandardCharsets.UTF_8);
        }
    }
}

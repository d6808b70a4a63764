package dev.berth.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /events}: the current write's steps as server-sent events ({@code step}, then one {@code done}),
 * with a comment every 15 s so proxies keep the stream open. Each stream holds a request thread, so there are
 * at most {@link #MAX_STREAMS}, each for at most {@link #MAX_MINUTES} minutes.
 */
final class EventStream {
    static final int MAX_STREAMS = 8;
    static final int MAX_MINUTES = 15;

    private final LiveSync live;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);

    EventStream(LiveSync live) {
        this.live = live;
    }

    /** @param last when nothing runs: true to send the last run (its steps and end), false to wait for the next */
    void stream(HttpServletResponse res, boolean last) throws IOException {
        if (!streams.tryAcquire()) {
            res.setHeader("Retry-After", "10");
            ConsoleServlet.text(res, 503, "too many browsers follow the progress; reload the overview instead");
            return;
        }
        BlockingQueue<LiveSync.Event> queue = live.follow(last);
        try {
            res.setStatus(200);
            res.setContentType("text/event-stream; charset=utf-8");
            PrintWriter out = res.getWriter();
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(MAX_MINUTES);
            while (System.nanoTime() < until && !out.checkError()) {
                LiveSync.Event e = queue.poll(15, TimeUnit.SECONDS);
                if (e == null) {
                    out.print(": still running\n\n");
                } else if (e instanceof LiveSync.Step step) {
                    send(out, "step", step.text());
                } else if (e instanceof LiveSync.Done done) {
                    send(out, done.ok() ? "done" : "failed", done.text());
                    out.flush();
                    return;
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            live.unfollow(queue);
            streams.release();
        }
    }

    /** An SSE message: one {@code data:} line per line of the text, so a newline cannot end it early. */
    private static void send(PrintWriter out, String event, String text) {
        out.print("event: " + event + "\n");
        for (String line : text.split("\r\n|\r|\n", -1)) {
            out.print("data: " + line + "\n");
        }
        out.print("\n");
    }
}

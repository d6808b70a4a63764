package dev.berth.agent;

import dev.berth.state.DeploymentReason;
import dev.berth.apply.Progress;
import dev.berth.apply.SyncOutcome;
import dev.berth.pipeline.SyncOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The daemon's heart: syncs run one at a time on a single thread, triggered by the interval (with
 * jitter, so a fleet does not hit the git server at the same second), by SIGHUP, or by a request on the
 * control socket. Triggers that arrive while a sync is queued join it instead of queueing another.
 */
public final class Agent implements AutoCloseable {
    private static final double JITTER = 0.1;

    private final SyncRunner runner;
    private final Duration interval;
    private final Progress log;
    private final ExecutorService syncThread = Executors.newSingleThreadExecutor(r -> daemonThread(r, "berth-sync"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r, "berth-timer"));
    private final AtomicReference<CompletableFuture<SyncOutcome>> queued = new AtomicReference<>();
    private volatile boolean stopping;

    public Agent(SyncRunner runner, Duration interval, Progress log) {
        this.runner = runner;
        this.interval = interval;
        this.log = log;
    }

    public void start() {
        trigger(DeploymentReason.START);
        scheduleNext();
    }

    private void scheduleNext() {
        if (stopping) {
            return;
        }
        long base = interval.toMillis();
        long jitter = (long) (base * JITTER * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        timer.schedule(() -> {
            trigger(DeploymentReason.INTERVAL);
            scheduleNext();
        }, Math.max(1000, base + jitter), TimeUnit.MILLISECONDS);
    }

    /** Queues a sync (or joins the one already queued); the future completes when it has run. */
    public CompletableFuture<SyncOutcome> trigger(DeploymentReason reason) {
        return submit(SyncOptions.apply(reason), log);
    }

    /**
     * A sync asked for (on the control socket, by MCP), reporting progress to the asker as well as the log. Only
     * a plain sync reporting to the log alone joins one already queued; any other waits for its own turn.
     */
    public CompletableFuture<SyncOutcome> submit(SyncOptions options, Progress progress) {
        if (stopping) {
            return CompletableFuture.failedFuture(new IllegalStateException("berth is shutting down"));
        }
        if (!options.equals(SyncOptions.apply(options.reason())) || progress != log) {
            return runSoon(options, both(progress));
        }
        CompletableFuture<SyncOutcome> mine = new CompletableFuture<>();
        CompletableFuture<SyncOutcome> existing = queued.compareAndExchange(null, mine);
        if (existing != null) {
            return existing;
        }
        syncThread.execute(() -> {
            queued.set(null);
            complete(mine, options, log);
        });
        return mine;
    }

    /**
     * Runs other work that changes the host (an MCP rollback or unit restart) on the sync thread, so it
     * never overlaps a sync.
     */
    public <T> CompletableFuture<T> runExclusive(java.util.concurrent.Callable<T> work) {
        if (stopping) {
            return CompletableFuture.failedFuture(new IllegalStateException("berth is shutting down"));
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        syncThread.execute(() -> {
            try {
                f.complete(work.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private CompletableFuture<SyncOutcome> runSoon(SyncOptions options, Progress progress) {
        CompletableFuture<SyncOutcome> f = new CompletableFuture<>();
        syncThread.execute(() -> complete(f, options, progress));
        return f;
    }

    private void complete(CompletableFuture<SyncOutcome> f, SyncOptions options, Progress progress) {
        if (stopping) {
            f.completeExceptionally(new IllegalStateException("berth is shutting down"));
            return;
        }
        try {
            progress.step("sync (" + options.reason() + ")");
            f.complete(runner.sync(options, progress));
        } catch (Exception | Error e) {
            progress.step("sync failed: " + dev.berth.git.RemoteUrls.redact(e.getMessage()));
            f.completeExceptionally(e);
        }
    }

    private Progress both(Progress asker) {
        return message -> {
            log.step(message);
            asker.step(message);
        };
    }

    /**
     * Stops taking triggers and waits for the running sync to finish its current step; syncs still
     * queued are abandoned (the next start converges).
     */
    @Override
    public void close() {
        stopping = true;
        timer.shutdownNow();
        syncThread.shutdown();
        try {
            if (!syncThread.awaitTermination(80, TimeUnit.SECONDS)) {
                syncThread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}

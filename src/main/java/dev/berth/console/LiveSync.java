package dev.berth.console;

import dev.berth.DeploymentFinished;
import dev.berth.apply.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The console's writes, one at a time on a thread of their own, and what they say step by step: each browser
 * that follows ({@code /events}) gets the current run's steps so far, then each new one, then how it ended. A
 * page opened after a fast sync still sees all of it. The daemon's other deployments (by the interval, a webhook,
 * {@code berth sync} handed to the daemon) are runs too: their steps come from {@link dev.berth.DeploymentEvents}
 * ({@link #outsideStep}, {@link #outsideFinished}), so an open page sees every sync land, not only the console's.
 */
final class LiveSync implements AutoCloseable {
    /** The most steps kept of one run (a sync of 500 units says a few per unit). */
    static final int MAX_STEPS = 2000;

    sealed interface Event permits Step, Done {
    }

    record Step(String text) implements Event {
    }

    record Done(boolean ok, String text) implements Event {
    }

    /** A write: runs with a progress to tell its steps to, returns how it ended. */
    @FunctionalInterface
    interface Write {
        Done run(Progress progress) throws Exception;
    }

    private final ExecutorService runner = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("console-write").unstarted(r));
    private final Consumer<String> log;
    private final List<Event> run = new ArrayList<>();
    private final List<BlockingQueue<Event>> followers = new ArrayList<>();
    private boolean running;
    /** The run is a deployment the console did not start (its steps come from the daemon's events). */
    private boolean outside;

    LiveSync(Consumer<String> log) {
        this.log = log;
    }

    synchronized boolean running() {
        return running;
    }

    /** Starts {@code write} unless one runs (then false: the browser follows that one). {@code what} goes to the log. */
    synchronized boolean start(String what, Write write) {
        if (running) {
            return false;
        }
        running = true;
        run.clear();
        publish(new Step(what));
        log.accept("console: " + what);
        runner.execute(() -> {
            Done done;
            try {
                done = write.run(message -> publish(new Step(message)));
            } catch (Exception e) {
                done = new Done(false, what + " failed: " + e.getMessage());
            }
            log.accept("console: " + what + ": " + done.text());
            synchronized (this) {
                running = false;
                publish(done);
            }
        });
        return true;
    }

    /**
     * A step of a deployment of the daemon's. The first while nothing runs starts an outside run; while a console
     * write runs, the write tells its own steps (its sync may wait behind this one on the daemon's queue).
     */
    synchronized void outsideStep(String text) {
        if (!running) {
            running = true;
            outside = true;
            run.clear();
            publish(new Step("a sync started outside the console (the daemon's interval, a webhook or berth sync)"));
        }
        if (outside) {
            publish(new Step(text));
        }
    }

    /** A deployment of the daemon's ended: an outside run ends with it (a console write ends when its call returns). */
    synchronized void outsideFinished(DeploymentFinished finished) {
        if (running && outside) {
            running = false;
            outside = false;
            publish(finished.outcome().map(ConsoleWrites::done)
                    .orElse(new Done(false, "failed before anything was recorded: the daemon's log says why")));
        }
    }

    /**
     * Follows the current run: its events so far are in the queue at once. When none runs, {@code last} says whether
     * the last run's events are given (a page that shows one run) or none, waiting for the next run (a page that
     * shows whichever comes). Call {@link #unfollow} after.
     */
    synchronized BlockingQueue<Event> follow(boolean last) {
        BlockingQueue<Event> q = running || last ? new LinkedBlockingQueue<>(run) : new LinkedBlockingQueue<>();
        followers.add(q);
        return q;
    }

    synchronized void unfollow(BlockingQueue<Event> q) {
        followers.remove(q);
    }

    private synchronized void publish(Event e) {
        if (run.size() < MAX_STEPS || e instanceof Done) {
            run.add(e);
            followers.forEach(q -> q.add(e));
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}

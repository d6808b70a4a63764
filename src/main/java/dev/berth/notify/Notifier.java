package dev.berth.notify;

import dev.berth.Berth;
import dev.berth.apply.Progress;
import dev.berth.status.NotifyStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon's notifier: turns the library's deployment events into notifications and hands them to a bounded queue
 * that one thread of its own empties, so a slow or dead receiver never holds up a sync. When the queue is full the
 * oldest delivery is dropped (and counted). A failed send is tried again after 1 s, 2 s, 4 s, 8 s, then given up.
 */
public final class Notifier implements AutoCloseable {
    static final int CAPACITY = 256;

    private record Delivery(Channel channel, Event event, int attempt) {
    }

    /** The settings as last read, with the file's modification time: {@code berth notify add} applies without a restart. */
    private record Settings(FileTime modified, List<Channel> channels, RepeatFilter repeats) {
    }

    private final HttpDelivery http = new HttpDelivery();
    private final NotifyFiles files;
    private final String host;
    private final Clock clock;
    private final Progress log;
    private final RetryPolicy retry;
    private volatile Settings settings;
    private final LinkedBlockingDeque<Delivery> queue = new LinkedBlockingDeque<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "berth-notify-retry"));
    private final Thread worker = daemon(this::work, "berth-notify");
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private volatile NotifyStatus status;
    private volatile boolean closed;

    /** When a send is tried again: {@code attempts} in all, the first wait {@code firstWait}, doubling. */
    record RetryPolicy(int attempts, Duration firstWait) {
        static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1));

        Duration waitAfter(int attempt) {
            return firstWait.multipliedBy(1L << Math.min(attempt - 1, 20));
        }
    }

    Notifier(NotifyFiles files, String host, Clock clock, Progress log, RetryPolicy retry) {
        this.files = files;
        this.host = host;
        this.clock = clock;
        this.log = log;
        this.retry = retry;
        this.settings = new Settings(null, List.of(), new RepeatFilter(NotifyConfig.DEFAULT_REPEAT_WINDOW));
        this.status = files.status().orElse(NotifyStatus.NONE);
    }

    /**
     * Starts notifying of {@code berth}'s deployments, as configured in its state folder ({@code notify.json}, read
     * again whenever it changes). {@code interval} is the daemon's: no sync finishing for three of them is unhealthy.
     *
     * @throws IOException when notify.json cannot be read (the daemon should not start deaf)
     */
    public static Notifier start(Berth berth, Duration interval, Progress log) throws IOException {
        NotifyFiles files = new NotifyFiles(berth.layout().stateDir());
        Clock clock = Clock.systemUTC();
        String host = berth.identity().name();
        files.config(); // a broken file stops the start, naming it
        Notifier n = new Notifier(files, host, clock, log, RetryPolicy.DEFAULT);
        List<Channel> first = n.current().channels();
        HealthWatch health = new HealthWatch(host, 3, HealthWatch.stuckAfter(interval), clock.instant());
        n.unsubscribe.add(berth.events().subscribe(done -> {
            OutcomeEvents.of(done, host, clock.instant()).forEach(n::publish);
            var report = done.outcome().map(o -> o.report());
            health.finished(done.ok(), report.map(r -> r.commit()).orElse(null),
                    report.map(r -> r.error()).orElse("an error before anything was recorded"), clock.instant()).ifPresent(n::publish);
        }));
        n.unsubscribe.add(berth.events().onDeploying(commit -> n.publish(new Event(EventKind.DEPLOYING, host, commit, null,
                "deploying " + Event.shortId(commit), Optional.empty(), List.of(), clock.instant()))));
        n.timer.scheduleAtFixedRate(() -> health.check(clock.instant()).ifPresent(n::publish), 1, 1, TimeUnit.MINUTES);
        n.begin();
        log.step("notifications: " + (first.isEmpty() ? "none set ('berth notify add')" : first.stream().map(Channel::name).toList()));
        return n;
    }

    /** The settings, read again when notify.json changed; a file that went bad keeps the last good settings (logged). */
    private Settings current() {
        Settings was = settings;
        try {
            var path = files.configPath();
            var modified = Files.exists(path) ? Files.getLastModifiedTime(path) : null;
            if (Objects.equals(modified, was.modified())) {
                return was;
            }
            NotifyConfig config = files.config();
            List<Channel> channels = new ArrayList<>();
            config.sinks().forEach(s -> channels.add(Channel.of(s, http)));
            if (config.commitStatus() != null) {
                channels.add(Channel.of(config.commitStatus(), http));
            }
            settings = new Settings(modified, List.copyOf(channels), new RepeatFilter(config.repeatWindow()));
        } catch (IOException e) {
            log.step("notifications: " + e.getMessage() + "; keeping the settings read before");
        }
        return settings;
    }

    /** Starts the thread that sends. */
    Notifier begin() {
        worker.start();
        return this;
    }

    /** Queues {@code e} for every channel that wants it and has not had it within the repeat window. Never blocks. */
    void publish(Event e) {
        Settings now = current();
        for (Channel c : now.channels()) {
            if (c.wants(e) && now.repeats().admit(c.name(), e)) {
                enqueue(new Delivery(c, e, 1));
            }
        }
    }

    private void enqueue(Delivery d) {
        while (!closed && !queue.offerLast(d)) {
            if (queue.pollFirst() != null) {
                long n = dropped.incrementAndGet();
                log.step("notifications: queue full, dropped the oldest (" + n + " dropped so far)");
            }
        }
    }

    private void work() {
        while (!closed) {
            Delivery d;
            try {
                d = queue.takeFirst();
            } catch (InterruptedException e) {
                return;
            }
            deliver(d);
        }
    }

    private void deliver(Delivery d) {
        try {
            d.channel().send(d.event());
            record(status.sent(new NotifyStatus.Sent(clock.instant().toString(), d.channel().name(), d.event().kind().word(), d.event().commit())));
        } catch (DeliveryException e) {
            String why = SecretUrls.scrub(e.getMessage(), d.channel().secrets());
            boolean again = e.retryable() && d.attempt() < retry.attempts() && !closed;
            log.step("notifications: " + d.channel().name() + " (" + d.event().kind() + "): " + why
                    + (again ? "; trying again in " + retry.waitAfter(d.attempt()).toMillis() + " ms" : "; giving up"));
            record(status.failed(new NotifyStatus.Failure(clock.instant().toString(), d.channel().name(), d.event().kind().word(), why)));
            if (again) {
                timer.schedule(() -> enqueue(new Delivery(d.channel(), d.event(), d.attempt() + 1)),
                        retry.waitAfter(d.attempt()).toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            // a bug in one channel must not end the thread every channel shares
            record(status.failed(new NotifyStatus.Failure(clock.instant().toString(), d.channel().name(), d.event().kind().word(),
                    SecretUrls.scrub(String.valueOf(e), d.channel().secrets()))));
        }
    }

    private void record(NotifyStatus next) {
        status = next.dropped(dropped.get());
        try {
            files.saveStatus(status);
        } catch (IOException e) {
            log.step("notifications: cannot save " + NotifyFiles.STATUS + ": " + e.getMessage());
        }
    }

    /** {@code berth notify test}: sends a test event to each named sink (all when none) now, on this thread. */
    public static List<String> test(NotifyConfig config, String host, List<String> only, Clock clock) {
        HttpDelivery http = new HttpDelivery();
        Event e = new Event(EventKind.TEST, host, null, null, "a test notification from 'berth notify test'",
                Optional.empty(), List.of(), clock.instant());
        List<String> results = new ArrayList<>();
        for (Sink s : config.sinks()) {
            if (!only.isEmpty() && !only.contains(s.name())) {
                continue;
            }
            try {
                Channel.of(s, http).send(e);
                results.add(s.name() + ": sent");
            } catch (DeliveryException ex) {
                results.add(s.name() + ": FAILED: " + SecretUrls.scrub(ex.getMessage(), s.secrets()));
            }
        }
        return results;
    }

    long dropped() {
        return dropped.get();
    }

    int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        closed = true;
        unsubscribe.forEach(Runnable::run);
        worker.interrupt();
        timer.shutdownNow();
        // a delivery under way records its result in the state folder: after close, nothing writes there (the
        // daemon stopping, a test's folder deleted); bounded, since a send may take its timeout to notice
        try {
            worker.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}

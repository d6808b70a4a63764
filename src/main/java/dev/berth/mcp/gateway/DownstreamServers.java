package dev.berth.mcp.gateway;

import dev.berth.mcp.declaration.McpServerDeclaration;
import dev.berth.mcp.declaration.McpLock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The running downstream servers, one per declared name, following the declarations: when their version
 * changes they are read again, servers new or changed are started and those gone or changed are closed.
 * Each server's health checks are kept scheduled while it is current.
 */
final class DownstreamServers {
    /** The servers with the lock their entries are checked against, read together. */
    record Snapshot(McpLock lock, List<DownstreamServer> servers) {
    }

    private final DeclarationSource source;
    private final DownstreamServer.Connector connector;
    private final GatewayTimings timings;
    private final ScheduledExecutorService scheduler;
    private final Consumer<String> log;
    private final Runnable changed;
    private final Map<String, DownstreamServer> byName = new TreeMap<>();
    private McpLock lock = McpLock.empty();
    private String loadedVersion;
    private String loadError;
    private volatile boolean closed;
    /** One read of the declarations at a time: a read exports the commit into one folder per process. */
    private final Object reloading = new Object();
    private final java.util.concurrent.atomic.AtomicBoolean retryScheduled = new java.util.concurrent.atomic.AtomicBoolean();

    /** @param changed told when a server's state or catalogue, or the set of servers, changed */
    DownstreamServers(DeclarationSource source, DownstreamServer.Connector connector, GatewayTimings timings,
                      ScheduledExecutorService scheduler, Consumer<String> log, Runnable changed) {
        this.source = source;
        this.connector = connector;
        this.timings = timings;
        this.scheduler = scheduler;
        this.log = log;
        this.changed = changed;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(lock, List.copyOf(byName.values()));
    }

    synchronized List<DownstreamServer> all() {
        return List.copyOf(byName.values());
    }

    /**
     * Reads the declarations again if their version changed or the last read failed. Reads never overlap (two
     * deployments recorded close together once had one read delete the folder the other was reading), and a read
     * that failed is tried again after the longest reconnect backoff, not only on the next deployment.
     */
    void reloadIfChanged() {
        synchronized (reloading) {
            if (closed) {
                return;
            }
            try {
                String version = source.version();
                if (Objects.equals(version, loadedVersion) && loadError == null) {
                    return;
                }
                DeclarationSource.Snapshot snapshot = source.load();
                apply(snapshot);
            } catch (IOException | RuntimeException e) {
                String message = "MCP servers: cannot read the declarations: " + DownstreamServer.describe(e);
                if (!message.equals(loadError)) {
                    log.accept(message + " (the servers already known keep being served; tried again every "
                            + timings.maxBackoff().toSeconds() + " s)");
                }
                loadError = message;
                retryLater();
            }
        }
    }

    private void retryLater() {
        if (closed || !retryScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.schedule(() -> {
                retryScheduled.set(false);
                reloadIfChanged();
            }, timings.maxBackoff().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            retryScheduled.set(false);
        }
    }

    private void apply(DeclarationSource.Snapshot snapshot) {
        List<DownstreamServer> started = new ArrayList<>();
        List<DownstreamServer> stopped = new ArrayList<>();
        synchronized (this) {
            loadedVersion = snapshot.version();
            loadError = null;
            lock = snapshot.lock();
            Map<String, McpServerDeclaration> wanted = new TreeMap<>();
            snapshot.servers().forEach(d -> wanted.put(d.name(), d));
            for (String name : List.copyOf(byName.keySet())) {
                if (!byName.get(name).declaration().equals(wanted.get(name))) {
                    stopped.add(byName.remove(name));
                }
            }
            for (McpServerDeclaration d : wanted.values()) {
                if (!byName.containsKey(d.name())) {
                    DownstreamServer s = new DownstreamServer(d, connector, changed, timings);
                    byName.put(d.name(), s);
                    started.add(s);
                }
            }
        }
        stopped.forEach(DownstreamServer::close);
        for (DownstreamServer s : started) {
            log.accept("MCP server " + s.declaration().name() + ": " + (s.declaration().isStdio()
                    ? "stdio, image " + s.declaration().launch().image() : "http " + s.declaration().endpoint()));
            scheduler.execute(() -> checkAndReschedule(s));
        }
        changed.run();
    }

    /** Wait (a little) for every server's first check, so a client connecting right after start sees their tools. */
    void awaitFirstChecks(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (byName.values().stream().noneMatch(s -> s.state() == DownstreamServer.State.STARTING)) {
                    return;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void checkAndReschedule(DownstreamServer s) {
        if (closed) {
            return;
        }
        Duration next = s.check();
        boolean current;
        synchronized (this) {
            current = byName.get(s.declaration().name()) == s;
        }
        if (next != null && current && !closed) {
            scheduler.schedule(() -> checkAndReschedule(s), next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops following: no more reloads or checks. @return the servers that ran, for the caller to close */
    synchronized List<DownstreamServer> stop() {
        closed = true;
        List<DownstreamServer> all = List.copyOf(byName.values());
        byName.clear();
        return all;
    }
}

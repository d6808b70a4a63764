package dev.berth.mcp.gateway;

import dev.berth.mcp.declaration.McpServerDeclaration;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one endpoint in front of the MCP servers a repository declares. It follows the deployed commit's
 * declarations and lock ({@link DownstreamServers}), keeps each server's health ({@link DownstreamServer}),
 * and keeps the SDK servers it is attached to (Berth's {@code /mcp} and {@code berth mcp}) offering exactly
 * the downstream tools that are up, declared, pinned by {@code mcp.lock} and allowed by read-only mode, named
 * {@code SERVER__TOOL} ({@link ServedCatalogue}). Every change is a {@code notifications/tools/list_changed}
 * to connected clients (the SDK sends one per added or removed tool).
 */
public final class McpGateway implements AutoCloseable {

    private final boolean allowWrite;
    private final java.util.function.Predicate<String> nameAllowed;
    private final GatewayTimings timings;
    private final ScheduledExecutorService scheduler;
    private final DownstreamServers servers;
    private final AttachedServers attached = new AttachedServers(this::served);
    private final GatewayStatusReport report;
    private ServedCatalogue served = ServedCatalogue.EMPTY;
    private volatile boolean closed;

    /**
     * @param stateDir where {@value GatewayStatusFile#NAME} is written, or null not to write it
     * @param log      one line per server that comes up, goes down or has tools withheld
     */
    McpGateway(DeclarationSource source, boolean allowWrite, java.util.function.Predicate<String> nameAllowed, Path stateDir,
               Consumer<String> log, DownstreamServer.Connector connector) {
        this(source, allowWrite, nameAllowed, stateDir, log, connector, GatewayTimings.DEFAULT);
    }

    McpGateway(DeclarationSource source, boolean allowWrite, java.util.function.Predicate<String> nameAllowed, Path stateDir,
               Consumer<String> log, DownstreamServer.Connector connector, GatewayTimings timings) {
        this.timings = timings;
        this.allowWrite = allowWrite;
        this.nameAllowed = nameAllowed;
        this.report = new GatewayStatusReport(stateDir, log);
        this.scheduler = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "berth-mcp-gateway");
            t.setDaemon(true);
            return t;
        });
        this.servers = new DownstreamServers(source, connector, timings, scheduler, log, this::refresh);
    }

    /** A gateway over declarations that never change (tests, a fixed checkout). */
    public static McpGateway start(DeclarationSource source, boolean allowWrite, java.util.function.Predicate<String> nameAllowed,
                                   Path stateDir, Consumer<String> log) {
        return start(source, allowWrite, nameAllowed, stateDir, log, reload -> { });
    }

    /**
     * Loads the declarations now (so the first tools/list already has them), then follows new commits: each
     * time a deployment is recorded, the declarations are read again if the deployed commit changed.
     *
     * @param allowWrite  serve downstream tools that are not annotated read-only
     * @param nameAllowed the endpoint's own --allow-tools/--deny-tools, applied to the namespaced names
     * @param deployments subscribes its argument to "a deployment was recorded"
     */
    public static McpGateway start(DeclarationSource source, boolean allowWrite, java.util.function.Predicate<String> nameAllowed,
                                   Path stateDir, Consumer<String> log, Consumer<Runnable> deployments) {
        McpGateway g = new McpGateway(source, allowWrite, nameAllowed, stateDir, log, DownstreamServer.CONNECT,
                GatewayTimings.from(System.getenv()));
        g.servers.reloadIfChanged();
        g.servers.awaitFirstChecks(Duration.ofSeconds(10));
        deployments.accept(() -> {
            if (!g.scheduler.isShutdown()) {
                g.scheduler.execute(g.servers::reloadIfChanged);
            }
        });
        long reap = g.timings.reapInterval().toMillis();
        g.scheduler.scheduleWithFixedDelay(g::reapIdleSessions, reap, reap, TimeUnit.MILLISECONDS);
        return g;
    }

    /** Offers the current downstream tools, prompts and resources on this SDK server, and keeps them current. */
    public synchronized void attach(McpSyncServer server) {
        attached.attach(server, served);
    }

    public synchronized void detach(McpSyncServer server) {
        attached.detach(server);
    }

    private synchronized ServedCatalogue served() {
        return served;
    }

    /** Whether a tool of this name is a downstream tool served now (Berth's tool filter asks). */
    public synchronized boolean serves(String toolName) {
        return served.tools().routes().containsKey(toolName);
    }

    /** Whether a served downstream tool is annotated read-only: an OAuth token without berth:write may call only those. */
    public synchronized boolean servesReadOnly(String toolName) {
        McpSchema.Tool t = served.tools().definitions().get(toolName);
        return t != null && ServedTools.readOnly(t);
    }

    /** Whether this name can only be a downstream tool's: Berth's own tools never contain the separator. */
    public static boolean isDownstreamName(String toolName) {
        return toolName.contains(McpServerDeclaration.SEPARATOR);
    }

    public List<McpServerStatus> status() {
        return report.last();
    }

    private void reapIdleSessions() {
        servers.all().forEach(DownstreamServer::reapIdleSessions);
        refresh();
    }

    /** Recomputes what is served from every server's state and catalogue, and updates the attached SDK servers. */
    synchronized void refresh() {
        if (closed) {
            return;
        }
        DownstreamServers.Snapshot now = servers.snapshot();
        ServedCatalogue next = ServedCatalogue.decide(now.servers(), now.lock(), allowWrite, nameAllowed);
        attached.update(served, next);
        served = next;
        report.report(next.status());
    }

    /** Forwards a call; every failure becomes an error result the client can read, never a broken session. */
    McpSchema.CallToolResult callTool(String name, McpSyncServerExchange exchange, Map<String, Object> arguments) {
        return served().callTool(name, exchange, arguments);
    }

    /** Ends the stdio containers a client session started (the endpoint saw the client end it). */
    public void sessionEnded(String sessionId) {
        List<DownstreamServer> all = servers.all();
        if (all.stream().anyMatch(s -> s.sessionCount() > 0)) {
            scheduler.execute(() -> {
                all.forEach(s -> s.endSession(sessionId));
                refresh();
            });
        }
    }

    /** The namespaced names served now, in order (for tests and --list-tools). */
    public synchronized List<String> servedToolNames() {
        return List.copyOf(served.tools().routes().keySet());
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        List<DownstreamServer> all = servers.stop();
        scheduler.shutdownNow();
        all.forEach(DownstreamServer::close);
        // no endpoint serves them any more: status must not show a stale view as current
        report.remove();
    }
}

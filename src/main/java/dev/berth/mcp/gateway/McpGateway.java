package dev.berth.mcp.gateway;

import dev.berth.mcp.declaration.McpLock;
import dev.berth.mcp.declaration.McpServerDeclaration;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one endpoint in front of the MCP servers a repository declares. It follows the deployed commit's
 * declarations and lock, keeps each server's health ({@link DownstreamServer}), and keeps the SDK servers
 * it is attached to (Berth's {@code /mcp} and {@code berth mcp}) offering exactly the downstream tools that
 * are up, declared, pinned by {@code mcp.lock} and allowed by read-only mode, named {@code SERVER__TOOL}.
 * Every change is a {@code notifications/tools/list_changed} to connected clients (the SDK sends one per
 * added or removed tool).
 */
public final class McpGateway implements AutoCloseable {
    static final Duration RELOAD_INTERVAL = Duration.ofSeconds(2);

    /** Where a namespaced tool, prompt or resource is forwarded to. */
    private record Route(DownstreamServer server, String downstreamName) {
    }

    private final DeclarationSource source;
    private final boolean allowWrite;
    private final java.util.function.Predicate<String> nameAllowed;
    private final Path stateDir;
    private final Consumer<String> log;
    private final DownstreamServer.Connector connector;
    private final GatewayTimings timings;
    private final ScheduledExecutorService scheduler;
    private final List<McpSyncServer> attached = new CopyOnWriteArrayList<>();
    private final Map<String, DownstreamServer> servers = new TreeMap<>();
    private McpLock lock = McpLock.empty();
    private String loadedVersion;
    private String loadError;
    private Map<String, Route> tools = Map.of();
    private Map<String, McpSchema.Tool> toolDefinitions = Map.of();
    private Map<String, Route> prompts = Map.of();
    private Map<String, McpSchema.Prompt> promptDefinitions = Map.of();
    private Map<String, Route> resources = Map.of();
    private Map<String, McpSchema.Resource> resourceDefinitions = Map.of();
    private List<McpServerStatus> lastStatus = List.of();
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
        this.source = source;
        this.allowWrite = allowWrite;
        this.nameAllowed = nameAllowed;
        this.stateDir = stateDir;
        this.log = log;
        this.connector = connector;
        this.scheduler = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "berth-mcp-gateway");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads the declarations now (so the first tools/list already has them), then follows new commits.
     *
     * @param allowWrite  serve downstream tools that are not annotated read-only
     * @param nameAllowed the endpoint's own --allow-tools/--deny-tools, applied to the namespaced names
     */
    public static McpGateway start(DeclarationSource source, boolean allowWrite, java.util.function.Predicate<String> nameAllowed,
                                   Path stateDir, Consumer<String> log) {
        McpGateway g = new McpGateway(source, allowWrite, nameAllowed, stateDir, log, DownstreamServer.CONNECT,
                GatewayTimings.from(System.getenv()));
        g.reloadIfChanged();
        g.awaitFirstChecks(Duration.ofSeconds(10));
        g.scheduler.scheduleWithFixedDelay(g::reloadIfChanged, RELOAD_INTERVAL.toMillis(), RELOAD_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        long reap = g.timings.reapInterval().toMillis();
        g.scheduler.scheduleWithFixedDelay(g::reapIdleSessions, reap, reap, TimeUnit.MILLISECONDS);
        return g;
    }

    /** Offers the current downstream tools, prompts and resources on this SDK server, and keeps them current. */
    public synchronized void attach(McpSyncServer server) {
        attached.add(server);
        toolDefinitions.forEach((name, tool) -> server.addTool(toolSpec(tool)));
        promptDefinitions.forEach((name, prompt) -> server.addPrompt(promptSpec(prompt)));
        resourceDefinitions.forEach((uri, resource) -> server.addResource(resourceSpec(resource)));
    }

    public synchronized void detach(McpSyncServer server) {
        attached.remove(server);
    }

    /** Whether a tool of this name is a downstream tool served now (Berth's tool filter asks). */
    public synchronized boolean serves(String toolName) {
        return tools.containsKey(toolName);
    }

    /** Whether a served downstream tool is annotated read-only: an OAuth token without berth:write may call only those. */
    public synchronized boolean servesReadOnly(String toolName) {
        McpSchema.Tool t = toolDefinitions.get(toolName);
        return t != null && ServedTools.readOnly(t);
    }

    /** Whether this name can only be a downstream tool's: Berth's own tools never contain the separator. */
    public static boolean isDownstreamName(String toolName) {
        return toolName.contains(McpServerDeclaration.SEPARATOR);
    }

    public synchronized List<McpServerStatus> status() {
        return lastStatus;
    }

    private void reloadIfChanged() {
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
                log.accept(message + " (the servers already known keep being served)");
            }
            loadError = message;
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
            for (String name : List.copyOf(servers.keySet())) {
                if (!servers.get(name).declaration().equals(wanted.get(name))) {
                    stopped.add(servers.remove(name));
                }
            }
            for (McpServerDeclaration d : wanted.values()) {
                if (!servers.containsKey(d.name())) {
                    DownstreamServer s = new DownstreamServer(d, connector, this::refresh, timings);
                    servers.put(d.name(), s);
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
        refresh();
    }

    /** Wait (a little) for every server's first check, so a client connecting right after start sees their tools. */
    private void awaitFirstChecks(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (servers.values().stream().noneMatch(s -> s.state() == DownstreamServer.State.STARTING)) {
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
            current = servers.get(s.declaration().name()) == s;
        }
        if (next != null && current && !closed) {
            scheduler.schedule(() -> checkAndReschedule(s), next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void reapIdleSessions() {
        List<DownstreamServer> all;
        synchronized (this) {
            all = List.copyOf(servers.values());
        }
        all.forEach(DownstreamServer::reapIdleSessions);
        refresh();
    }

    /** Recomputes what is served from every server's state and catalogue, and updates the attached SDK servers. */
    synchronized void refresh() {
        if (closed) {
            return;
        }
        Map<String, Route> newTools = new TreeMap<>();
        Map<String, McpSchema.Tool> newToolDefs = new TreeMap<>();
        Map<String, Route> newPrompts = new TreeMap<>();
        Map<String, McpSchema.Prompt> newPromptDefs = new TreeMap<>();
        Map<String, Route> newResources = new TreeMap<>();
        Map<String, McpSchema.Resource> newResourceDefs = new TreeMap<>();
        List<McpServerStatus> status = new ArrayList<>();
        for (DownstreamServer s : servers.values()) {
            McpServerDeclaration d = s.declaration();
            DownstreamServer.Catalogue c = s.state() == DownstreamServer.State.UP ? s.catalogue() : DownstreamServer.Catalogue.EMPTY;
            ServedTools decided = ServedTools.decide(d, lock, c.tools(), allowWrite).filtered(nameAllowed);
            for (ServedTools.Served t : decided.served()) {
                newTools.put(t.tool().name(), new Route(s, t.downstreamName()));
                newToolDefs.put(t.tool().name(), t.tool());
            }
            ServedPrompts offeredPrompts = ServedPrompts.decide(d, lock, c.prompts(), nameAllowed);
            for (ServedPrompts.Served p : offeredPrompts.served()) {
                newPrompts.put(p.prompt().name(), new Route(s, p.downstreamName()));
                newPromptDefs.put(p.prompt().name(), p.prompt());
            }
            ServedResources offeredResources = ServedResources.decide(d, c.resources(), nameAllowed);
            for (ServedResources.Served r : offeredResources.served()) {
                newResources.put(r.resource().uri(), new Route(s, r.downstreamUri()));
                newResourceDefs.put(r.resource().uri(), r.resource());
            }
            List<ServedTools.Withheld> withheld = new ArrayList<>(decided.withheld());
            withheld.addAll(offeredPrompts.withheld());
            withheld.addAll(offeredResources.withheld());
            status.add(new McpServerStatus(d.name(), d.isStdio() ? "stdio" : "http",
                    s.state().name().toLowerCase(java.util.Locale.ROOT), s.error(), s.since().toString(),
                    decided.served().stream().map(t -> t.tool().name()).toList(), withheld, s.sessionCount()));
        }
        update(toolDefinitions, newToolDefs, McpSyncServer::removeTool, (srv, t) -> srv.addTool(toolSpec(t)));
        update(promptDefinitions, newPromptDefs, McpSyncServer::removePrompt, (srv, p) -> srv.addPrompt(promptSpec(p)));
        update(resourceDefinitions, newResourceDefs, McpSyncServer::removeResource, (srv, r) -> srv.addResource(resourceSpec(r)));
        tools = newTools;
        toolDefinitions = newToolDefs;
        prompts = newPrompts;
        promptDefinitions = newPromptDefs;
        resources = newResources;
        resourceDefinitions = newResourceDefs;
        report(status);
    }

    /** Removes what went or changed, adds what is new or changed; unchanged entries are left alone (no notification). */
    private <T> void update(Map<String, T> before, Map<String, T> after, java.util.function.BiConsumer<McpSyncServer, String> remove,
                            java.util.function.BiConsumer<McpSyncServer, T> add) {
        for (McpSyncServer srv : attached) {
            before.forEach((name, old) -> {
                if (!old.equals(after.get(name))) {
                    try {
                        remove.accept(srv, name);
                    } catch (RuntimeException e) {
                        // already gone from that server
                    }
                }
            });
            after.forEach((name, now) -> {
                if (!now.equals(before.get(name))) {
                    add.accept(srv, now);
                }
            });
        }
    }

    private void report(List<McpServerStatus> status) {
        if (status.equals(lastStatus)) {
            return;
        }
        Map<String, McpServerStatus> old = new HashMap<>();
        lastStatus.forEach(s -> old.put(s.name(), s));
        for (McpServerStatus s : status) {
            McpServerStatus was = old.get(s.name());
            if (was == null || !was.state().equals(s.state()) || !was.withheld().equals(s.withheld())
                    || was.tools().size() != s.tools().size()) {
                log.accept("MCP server " + s.name() + ": " + s.state() + (s.error() == null ? "" : " (" + s.error() + ")")
                        + ", " + s.tools().size() + " tools served" + (s.withheld().isEmpty() ? "" : ", "
                        + s.withheld().size() + " withheld: " + s.withheld().stream().map(w -> w.tool() + " (" + w.reason() + ")")
                        .limit(5).collect(java.util.stream.Collectors.joining("; "))));
            }
        }
        lastStatus = List.copyOf(status);
        if (stateDir != null) {
            try {
                GatewayStatusFile.write(stateDir, status);
            } catch (IOException e) {
                log.accept("MCP servers: cannot write " + stateDir.resolve(GatewayStatusFile.NAME) + ": " + e.getMessage());
            }
        }
    }

    private SyncToolSpecification toolSpec(McpSchema.Tool tool) {
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> callTool(tool.name(), exchange,
                request.arguments())).build();
    }

    private SyncPromptSpecification promptSpec(McpSchema.Prompt prompt) {
        return new SyncPromptSpecification(prompt, (exchange, request) -> {
            Route r = route(prompts, prompt.name(), "prompt");
            return r.server().prompt(session(exchange), r.downstreamName(), request.arguments());
        });
    }

    private SyncResourceSpecification resourceSpec(McpSchema.Resource resource) {
        return new SyncResourceSpecification(resource, (exchange, request) -> {
            Route r = route(resources, resource.uri(), "resource");
            return r.server().read(session(exchange), r.downstreamName());
        });
    }

    private synchronized Route route(Map<String, Route> table, String name, String what) {
        Route r = table.get(name);
        if (r == null) {
            throw new ForwardingException(what + " '" + name + "' is not served now (its server is down, or it was withdrawn)");
        }
        return r;
    }

    /** Forwards a call; every failure becomes an error result the client can read, never a broken session. */
    McpSchema.CallToolResult callTool(String name, McpSyncServerExchange exchange, Map<String, Object> arguments) {
        try {
            Route r = route(tools, name, "tool");
            return r.server().call(session(exchange), r.downstreamName(), arguments);
        } catch (ForwardingException e) {
            return McpSchema.CallToolResult.builder().isError(true).addTextContent(e.getMessage()).build();
        }
    }

    private static String session(McpSyncServerExchange exchange) {
        return exchange == null || exchange.sessionId() == null ? "" : exchange.sessionId();
    }

    /** Ends the stdio containers a client session started (the endpoint saw the client end it). */
    public void sessionEnded(String sessionId) {
        List<DownstreamServer> all;
        synchronized (this) {
            all = List.copyOf(servers.values());
        }
        if (all.stream().anyMatch(s -> s.sessionCount() > 0)) {
            scheduler.execute(() -> {
                all.forEach(s -> s.endSession(sessionId));
                refresh();
            });
        }
    }

    /** The namespaced names served now, in order (for tests and --list-tools). */
    public synchronized List<String> servedToolNames() {
        return List.copyOf(tools.keySet());
    }

    @Override
    public void close() {
        List<DownstreamServer> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(servers.values());
            servers.clear();
        }
        scheduler.shutdownNow();
        all.forEach(DownstreamServer::close);
        if (stateDir != null) {
            // no endpoint serves them any more: status must not show a stale view as current
            try {
                java.nio.file.Files.deleteIfExists(stateDir.resolve(GatewayStatusFile.NAME));
            } catch (IOException e) {
                log.accept("MCP servers: cannot remove " + stateDir.resolve(GatewayStatusFile.NAME) + ": " + e.getMessage());
            }
        }
    }
}

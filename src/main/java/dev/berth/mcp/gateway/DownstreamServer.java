package dev.berth.mcp.gateway;

import dev.berth.host.PodmanCli;
import dev.berth.host.ProcessRunner;
import dev.berth.mcp.declaration.McpServerDeclaration;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Berth's side of one declared downstream server: whether it is up, what it offers (its catalogue), and
 * the connections calls go through. An HTTP server has one shared connection, pinged on every health
 * check; a stdio server gets a fresh sandboxed container per client session, plus a short-lived one to
 * read its catalogue. Calls are bounded in time (the declaration's timeout), size
 * ({@link DownstreamClient#MAX_RESPONSE}) and concurrency, so a slow server stalls only its own calls.
 */
final class DownstreamServer implements AutoCloseable {
    enum State { STARTING, UP, DOWN }

    /** What the server offered at its last successful listing. */
    record Catalogue(List<McpSchema.Tool> tools, List<McpSchema.Prompt> prompts, List<McpSchema.Resource> resources) {
        static final Catalogue EMPTY = new Catalogue(List.of(), List.of(), List.of());
    }

    /** Opens a connection to the declared server (the container name is used for stdio servers only). */
    interface Connector {
        DownstreamClient connect(McpServerDeclaration server, String containerName);
    }

    static final Connector CONNECT = (server, name) -> server.isStdio()
            ? StdioDownstreamClient.start(new PodmanCli(new ProcessRunner()), server, name) : HttpDownstreamClient.connect(server);
    static final Duration HEALTH_INTERVAL = Duration.ofSeconds(2);
    /** A stdio server's catalogue is read again this often (its image may have been updated). */
    static final Duration STDIO_RELIST = Duration.ofMinutes(5);
    private static final Duration WAIT_FOR_SLOT = Duration.ofSeconds(2);

    private final McpServerDeclaration declaration;
    private final Connector connector;
    private final Runnable changed;
    private final Semaphore slots;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private DownstreamClient shared;
    private volatile Catalogue catalogue = Catalogue.EMPTY;
    private volatile State state = State.STARTING;
    private volatile String error;
    private volatile Instant since = Instant.now();
    private final GatewayTimings timings;
    private Duration backoff;
    private volatile boolean closed;

    private record Session(DownstreamClient client, long[] lastUsed) {
    }

    /** @param changed told whenever the state or the catalogue changed (the gateway then re-registers tools) */
    DownstreamServer(McpServerDeclaration declaration, Connector connector, Runnable changed) {
        this(declaration, connector, changed, GatewayTimings.DEFAULT);
    }

    DownstreamServer(McpServerDeclaration declaration, Connector connector, Runnable changed, GatewayTimings timings) {
        this.declaration = declaration;
        this.timings = timings;
        this.backoff = timings.firstBackoff();
        this.connector = connector;
        this.changed = changed;
        this.slots = new Semaphore(declaration.maxConcurrentCalls());
    }

    McpServerDeclaration declaration() {
        return declaration;
    }

    State state() {
        return state;
    }

    String error() {
        return error;
    }

    Instant since() {
        return since;
    }

    Catalogue catalogue() {
        return catalogue;
    }

    /** One health step: connect and list if needed, else ping. @return how long until the next step, null once closed */
    Duration check() {
        if (closed) {
            return null;
        }
        try {
            if (declaration.isStdio()) {
                try (DownstreamClient c = connector.connect(declaration, containerName("list"))) {
                    catalogue = list(c);
                }
            } else {
                DownstreamClient c = currentShared();
                if (c == null) {
                    c = connector.connect(declaration, null);
                    Catalogue listed = list(c);
                    synchronized (this) {
                        if (closed) {
                            c.close();
                            return null;
                        }
                        shared = c;
                        catalogue = listed;
                    }
                } else {
                    // listing again doubles as the ping, and notices a server that changed its tools silently
                    Catalogue listed = list(c);
                    if (!listed.equals(catalogue)) {
                        catalogue = listed;
                        changed.run();
                    }
                }
            }
            boolean news = state != State.UP;
            if (news) {
                state = State.UP;
                error = null;
                since = Instant.now();
                changed.run();
            } else if (declaration.isStdio()) {
                changed.run(); // a relisting may have found a different catalogue
            }
            backoff = timings.firstBackoff();
            return declaration.isStdio() ? STDIO_RELIST : HEALTH_INTERVAL;
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    private Duration failed(RuntimeException e) {
        dropShared();
        String message = describe(e);
        boolean news = state != State.DOWN || !message.equals(error);
        state = State.DOWN;
        error = message;
        catalogue = Catalogue.EMPTY;
        if (news) {
            since = Instant.now();
            changed.run();
        }
        Duration wait = backoff;
        backoff = timings.nextBackoff(backoff);
        return wait;
    }

    private static Catalogue list(DownstreamClient c) {
        return new Catalogue(List.copyOf(c.tools()), List.copyOf(c.prompts()), List.copyOf(c.resources()));
    }

    McpSchema.CallToolResult call(String session, String tool, Map<String, Object> arguments) {
        return bounded(session, "tool " + tool, c -> c.call(tool, arguments));
    }

    McpSchema.GetPromptResult prompt(String session, String name, Map<String, Object> arguments) {
        return bounded(session, "prompt " + name, c -> c.prompt(name, arguments));
    }

    McpSchema.ReadResourceResult read(String session, String uri) {
        return bounded(session, "resource " + uri, c -> c.read(uri));
    }

    /** Forwards one request within the server's bounds; a failure is a {@link ForwardingException} with a message for the client. */
    private <T> T bounded(String session, String what, Function<DownstreamClient, T> request) {
        if (state != State.UP) {
            throw new ForwardingException("MCP server '" + declaration.name() + "' is " + state.name().toLowerCase(java.util.Locale.ROOT)
                    + (error == null ? "" : ": " + error));
        }
        try {
            if (!slots.tryAcquire(WAIT_FOR_SLOT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ForwardingException("MCP server '" + declaration.name() + "' is busy: "
                        + declaration.maxConcurrentCalls() + " calls already in flight; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForwardingException("interrupted");
        }
        try {
            DownstreamClient c = declaration.isStdio() ? session(session) : currentShared();
            if (c == null) {
                throw new ForwardingException("MCP server '" + declaration.name() + "' is reconnecting; try again");
            }
            try {
                return request.apply(c);
            } catch (RuntimeException e) {
                if (declaration.isStdio()) {
                    closeSession(session); // its container may be gone: the next call starts a fresh one
                }
                throw new ForwardingException("MCP server '" + declaration.name() + "': " + what + " failed: " + describe(e));
            }
        } finally {
            slots.release();
        }
    }

    private DownstreamClient session(String key) {
        String k = key == null ? "" : key;
        Session s = sessions.computeIfAbsent(k, x -> {
            try {
                return new Session(connector.connect(declaration, containerName("s")), new long[] {System.nanoTime()});
            } catch (RuntimeException e) {
                throw new ForwardingException("cannot start MCP server '" + declaration.name() + "' (" + declaration.launch().image()
                        + "): " + describe(e));
            }
        });
        s.lastUsed()[0] = System.nanoTime();
        if (closed) {
            closeSession(k);
            return null;
        }
        return s.client();
    }

    private void closeSession(String key) {
        Session s = sessions.remove(key == null ? "" : key);
        if (s != null) {
            s.client().close();
        }
    }

    /** The client ended its session: its container stops now (closing stdin ends the server; --rm removes it). */
    void endSession(String key) {
        closeSession(key);
    }

    /** Ends stdio sessions nobody used for {@link GatewayTimings#sessionIdle()}: their containers stop and are removed. */
    void reapIdleSessions() {
        long now = System.nanoTime();
        sessions.forEach((k, s) -> {
            if (now - s.lastUsed()[0] > timings.sessionIdle().toNanos()) {
                closeSession(k);
            }
        });
    }

    int sessionCount() {
        return sessions.size();
    }

    private synchronized DownstreamClient currentShared() {
        return shared;
    }

    private void dropShared() {
        DownstreamClient c;
        synchronized (this) {
            c = shared;
            shared = null;
        }
        if (c != null) {
            c.close();
        }
    }

    private String containerName(String purpose) {
        byte[] r = new byte[4];
        ThreadLocalRandom.current().nextBytes(r);
        return "berth-mcp-" + declaration.name() + "-" + purpose + "-" + HexFormat.of().formatHex(r);
    }

    static String describe(Throwable e) {
        Throwable t = e;
        String message = null;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            if (t.getCause() == null || t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        String kind = t == null ? "" : t.getClass().getSimpleName();
        String m = message == null ? kind : message;
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    @Override
    public void close() {
        closed = true;
        dropShared();
        for (String k : List.copyOf(sessions.keySet())) {
            closeSession(k);
        }
    }
}

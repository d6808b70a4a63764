package dev.berth.mcp;

import dev.berth.json.Json;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import dev.berth.mcp.gateway.McpGateway;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Berth as an MCP server, independent of the transport: the tool catalogue, the policy that decides which
 * tools may be called, the write log, resources and prompts. {@link #configure} applies it to an SDK
 * server specification for stdio or Streamable HTTP.
 */
public final class BerthMcpServer implements AutoCloseable {
    /** Transport-context key under which the HTTP layer says who called (the token's id). */
    public static final String CALLER = "berth.caller";
    /** Transport-context key: false when the caller's OAuth token lacks berth:write (absent for stdio: true). */
    public static final String CAN_WRITE = "berth.canWrite";

    private final List<ToolSpec> tools;
    private final ToolPolicy policy;
    private final WriteLog writeLog;
    private final McpBackend backend;
    private final String version;
    private final McpJsonMapper json = new JacksonMcpJsonMapper(Json.mapper());
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final McpGateway gateway;
    private final DeploymentTools deploymentTools;

    public BerthMcpServer(McpBackend backend, ToolPolicy policy, WriteLog writeLog, String version) {
        this(backend, policy, writeLog, version, null);
    }

    /** @param gateway the repository's declared MCP servers to serve alongside Berth's own tools, or null for none */
    public BerthMcpServer(McpBackend backend, ToolPolicy policy, WriteLog writeLog, String version, McpGateway gateway) {
        this.gateway = gateway;
        this.backend = backend;
        this.policy = policy;
        this.writeLog = writeLog;
        this.version = version;
        this.deploymentTools = new DeploymentTools(backend);
        List<ToolSpec> all = new ArrayList<>(deploymentTools.all());
        all.addAll(new UnitTools(backend).all());
        all.addAll(new PodmanTools(backend.podman()).all());
        this.tools = List.copyOf(all);
        Set<String> unknown = policy.unknownNames(toolNames());
        unknown.removeIf(McpGateway::isDownstreamName); // downstream tools come and go; they are checked when served
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown tool name(s) in --allow-tools/--deny-tools: " + String.join(", ", unknown)
                    + " (tools: " + String.join(", ", toolNames()) + ")");
        }
    }

    public Set<String> toolNames() {
        return tools.stream().map(ToolSpec::name).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    public List<ToolSpec> tools() {
        return tools;
    }

    public McpJsonMapper jsonMapper() {
        return json;
    }

    /** The tools a client of this server may call (the others are hidden from tools/list and refused). */
    public List<ToolSpec> callableTools() {
        return tools.stream().filter(t -> policy.refusal(t) == null).toList();
    }

    public <S extends McpServer.SyncSpecification<S>> McpServer.SyncSpecification<S> configure(McpServer.SyncSpecification<S> spec) {
        spec.serverInfo("berth", version)
                .jsonMapper(json)
                .instructions("Berth keeps this host in sync with a git repository of Podman quadlets and systemd units."
                        + " Read status, plan and unit logs first; changes go through sync, rollback and unit_* tools"
                        + " (only when the server allows writes).")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).resources(false, true).prompts(true).build())
                .validateToolInputs(true)
                .jsonSchemaValidator(DeferredSchemaValidator.trusting(tools))
                .addToolFilter((context, tool) -> (canWrite(context) || !writes(tool.name()))
                        && (gateway != null && gateway.serves(tool.name())
                        || tools.stream().anyMatch(t -> t.name().equals(tool.name()) && policy.refusal(t) == null)));
        for (ToolSpec t : tools) {
            spec.tools(SyncToolSpecification.builder().tool(describe(t)).callHandler((exchange, request) ->
                    call(t, exchange, request.arguments())).build());
        }
        BerthResources resources = new BerthResources(backend);
        spec.resources(resources.status());
        spec.resourceTemplates(resources.units());
        BerthPrompts prompts = new BerthPrompts(backend);
        spec.prompts(prompts.whyFailing(), prompts.nextSync());
        return spec;
    }

    /** Called with the SDK server once it is built: the declared servers' tools are added to it and kept current. */
    public McpSyncServer attach(McpSyncServer server) {
        if (gateway != null) {
            gateway.attach(server);
        }
        return server;
    }

    /**
     * Whether calling this tool may change the host: Berth's write tools, and any downstream tool not annotated
     * read-only (an unknown name counts as writing: it is refused either way).
     */
    public boolean writes(String toolName) {
        for (ToolSpec t : tools) {
            if (t.name().equals(toolName)) {
                return t.writes();
            }
        }
        return gateway == null || !gateway.servesReadOnly(toolName);
    }

    private static boolean canWrite(McpTransportContext context) {
        return context == null || !Boolean.FALSE.equals(context.get(CAN_WRITE));
    }

    /** A client ended its session: the stdio server containers started for it stop now. */
    public void sessionEnded(String sessionId) {
        if (gateway != null) {
            gateway.sessionEnded(sessionId);
        }
    }

    /** The names of the declared servers' tools served now (empty without a gateway). */
    public List<String> downstreamToolNames() {
        return gateway == null ? List.of() : gateway.servedToolNames();
    }

    /** Stops following the declared servers: their connections close and stdio containers end. */
    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private McpSchema.Tool describe(ToolSpec t) {
        Hints h = t.hints();
        return McpSchema.Tool.builder()
                .name(t.name())
                .title(t.title())
                .description(t.description() + (t.writes() ? " (changes the host)" : ""))
                .inputSchema(t.inputSchema())
                .outputSchema(t.outputSchema())
                .annotations(new McpSchema.ToolAnnotations(t.title(), h.readOnly(), h.readOnly() ? null : h.destructive(),
                        h.idempotent(), h.openWorld(), null))
                .build();
    }

    /** Runs a tool; every outcome is a result (isError for failures), never an exception out of the SDK. */
    CallToolResult call(ToolSpec t, McpSyncServerExchange exchange, Map<String, Object> arguments) {
        inFlight.incrementAndGet();
        try {
            return callCounted(t, exchange, arguments);
        } finally {
            synchronized (inFlight) {
                inFlight.decrementAndGet();
                inFlight.notifyAll();
            }
        }
    }

    /** Waits until no tool call runs (or the time is up): a write that started is never cut off by a shutdown. */
    public boolean awaitIdle(java.time.Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (inFlight) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                inFlight.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    private CallToolResult callCounted(ToolSpec t, McpSyncServerExchange exchange, Map<String, Object> arguments) {
        String refusal = policy.refusal(t);
        if (refusal == null && t.writes() && exchange != null && !canWrite(exchange.transportContext())) {
            refusal = "tool '" + t.name() + "' changes the host: the access token needs the scope " + Caller.WRITE;
        }
        String who = t.writes() || refusal != null ? who(exchange) : "";
        if (refusal != null) {
            if (t.writes()) {
                writeLog.record("mcp write refused: " + who + " called " + t.name() + " " + arguments + ": " + refusal);
            }
            return error(refusal, null);
        }
        if (t.writes()) {
            writeLog.record("mcp write: " + who + " calls " + t.name() + " " + (arguments == null ? "{}" : arguments));
        }
        CallToolResult result;
        try {
            Map<String, Object> structured = t.handler().call(new Args(arguments));
            result = CallToolResult.builder().structuredContent(structured).addTextContent(text(structured)).build();
        } catch (ToolFailure f) {
            result = error(f.getMessage(), f.result());
        } catch (RuntimeException e) {
            result = error("internal error in " + t.name() + ": " + e, null);
        }
        if (t.writes()) {
            deploymentTools.changed();
            writeLog.record("mcp write: " + who + " " + t.name() + " " + (Boolean.TRUE.equals(result.isError()) ? "failed: "
                    + firstText(result) : "done"));
        }
        return result;
    }

    private CallToolResult error(String message, Map<String, Object> structured) {
        CallToolResult.Builder b = CallToolResult.builder().isError(true).addTextContent(message == null ? "failed" : message);
        if (structured != null) {
            b.structuredContent(structured);
        }
        return b.build();
    }

    private String text(Map<String, Object> structured) {
        try {
            return json.writeValueAsString(structured);
        } catch (java.io.IOException e) {
            return String.valueOf(structured);
        }
    }

    private static String firstText(CallToolResult r) {
        return r.content().isEmpty() || !(r.content().get(0) instanceof McpSchema.TextContent tc) ? "" : tc.text();
    }

    static String who(McpSyncServerExchange exchange) {
        McpTransportContext ctx = exchange == null ? null : exchange.transportContext();
        Object caller = ctx == null ? null : ctx.get(CALLER);
        McpSchema.Implementation client = exchange == null ? null : exchange.getClientInfo();
        return (caller == null ? "stdio" : caller.toString())
                + (client == null ? "" : " client=" + client.name() + "/" + client.version())
                + (exchange == null || exchange.sessionId() == null ? "" : " session=" + exchange.sessionId());
    }
}

package dev.berth.mcp.gateway;

import dev.berth.mcp.declaration.McpServerDeclaration;
import dev.berth.mcp.declaration.McpLock;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the gateway serves at one moment, decided from every downstream server's state and catalogue: each
 * namespaced tool, prompt and resource with where it is forwarded to, and each server's status. Never
 * changed once decided: the gateway swaps in a new one whenever a server or the declarations change.
 */
record ServedCatalogue(Offered<McpSchema.Tool> tools, Offered<McpSchema.Prompt> prompts,
                       Offered<McpSchema.Resource> resources, List<McpServerStatus> status) {
    static final ServedCatalogue EMPTY = new ServedCatalogue(new Offered<>(), new Offered<>(), new Offered<>(), List.of());

    /** Where a namespaced tool, prompt or resource is forwarded to. */
    record Route(DownstreamServer server, String downstreamName) {
    }

    /** One kind of entry: its namespaced names (URIs for resources), each with its route and its definition. */
    record Offered<T>(Map<String, Route> routes, Map<String, T> definitions) {
        private Offered() {
            this(new TreeMap<>(), new TreeMap<>());
        }

        private void add(String name, Route route, T definition) {
            routes.put(name, route);
            definitions.put(name, definition);
        }

        private Route route(String name, String what) {
            Route r = routes.get(name);
            if (r == null) {
                throw new ForwardingException(what + " '" + name + "' is not served now (its server is down, or it was withdrawn)");
            }
            return r;
        }
    }

    /**
     * @param allowWrite  serve downstream tools that are not annotated read-only
     * @param nameAllowed the endpoint's own --allow-tools/--deny-tools, applied to the namespaced names
     */
    static ServedCatalogue decide(Collection<DownstreamServer> servers, McpLock lock, boolean allowWrite,
                                  Predicate<String> nameAllowed) {
        ServedCatalogue next = new ServedCatalogue(new Offered<>(), new Offered<>(), new Offered<>(), new ArrayList<>());
        for (DownstreamServer s : servers) {
            McpServerDeclaration d = s.declaration();
            DownstreamServer.Catalogue c = s.state() == DownstreamServer.State.UP ? s.catalogue() : DownstreamServer.Catalogue.EMPTY;
            ServedTools decided = ServedTools.decide(d, lock, c.tools(), allowWrite).filtered(nameAllowed);
            for (ServedTools.Served t : decided.served()) {
                next.tools.add(t.tool().name(), new Route(s, t.downstreamName()), t.tool());
            }
            ServedPrompts offeredPrompts = ServedPrompts.decide(d, lock, c.prompts(), nameAllowed);
            for (ServedPrompts.Served p : offeredPrompts.served()) {
                next.prompts.add(p.prompt().name(), new Route(s, p.downstreamName()), p.prompt());
            }
            ServedResources offeredResources = ServedResources.decide(d, c.resources(), nameAllowed);
            for (ServedResources.Served r : offeredResources.served()) {
                next.resources.add(r.resource().uri(), new Route(s, r.downstreamUri()), r.resource());
            }
            List<ServedTools.Withheld> withheld = new ArrayList<>(decided.withheld());
            withheld.addAll(offeredPrompts.withheld());
            withheld.addAll(offeredResources.withheld());
            next.status.add(new McpServerStatus(d.name(), d.isStdio() ? "stdio" : "http",
                    s.state().name().toLowerCase(Locale.ROOT), s.error(), s.since().toString(),
                    decided.served().stream().map(t -> t.tool().name()).toList(), withheld, s.sessionCount()));
        }
        return next;
    }

    /** Forwards a call; every failure becomes an error result the client can read, never a broken session. */
    McpSchema.CallToolResult callTool(String name, McpSyncServerExchange exchange, Map<String, Object> arguments) {
        try {
            Route r = tools.route(name, "tool");
            return r.server().call(session(exchange), r.downstreamName(), arguments);
        } catch (ForwardingException e) {
            return McpSchema.CallToolResult.builder().isError(true).addTextContent(e.getMessage()).build();
        }
    }

    McpSchema.GetPromptResult prompt(String name, McpSyncServerExchange exchange, Map<String, Object> arguments) {
        Route r = prompts.route(name, "prompt");
        return r.server().prompt(session(exchange), r.downstreamName(), arguments);
    }

    McpSchema.ReadResourceResult read(String uri, McpSyncServerExchange exchange) {
        Route r = resources.route(uri, "resource");
        return r.server().read(session(exchange), r.downstreamName());
    }

    private static String session(McpSyncServerExchange exchange) {
        return exchange == null || exchange.sessionId() == null ? "" : exchange.sessionId();
    }
}

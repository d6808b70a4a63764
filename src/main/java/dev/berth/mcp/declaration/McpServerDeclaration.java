package dev.berth.mcp.declaration;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * One downstream MCP server the repository declares, whose tools Berth serves behind its own endpoint
 * as {@code NAME__TOOL}.
 *
 * <p>An HTTP server is an ordinary {@code .container} unit with {@code [X-Berth] MCP=URL}; systemd runs
 * it and Berth connects to the URL. A stdio server is a {@code NAME.mcp} file; Berth launches it per
 * client session as a sandboxed container ({@link StdioLaunch}).
 *
 * @param name               namespace of its tools: lower-case letters, digits and single dashes, never
 *                           {@code __} (so {@code NAME__TOOL} splits one way only)
 * @param source             repository-relative path of the declaring file
 * @param line               line of the declaration in that file (the MCP= line, or 1 for a .mcp file)
 * @param endpoint           HTTP servers: the Streamable HTTP URL; null for stdio servers
 * @param unit               HTTP servers: the .container unit's file name; null for stdio servers
 * @param launch             stdio servers: how to start the container; null for HTTP servers
 * @param allowTools         downstream tool names (without the prefix) to serve; empty = all
 * @param denyTools          downstream tool names never to serve; wins over allowTools
 * @param callTimeout        longest a forwarded call may take before the client gets an error
 * @param maxConcurrentCalls forwarded calls in flight at once; more wait briefly, then are refused
 */
public record McpServerDeclaration(String name, String source, int line, URI endpoint, String unit, StdioLaunch launch,
                                   Set<String> allowTools, Set<String> denyTools, Duration callTimeout,
                                   int maxConcurrentCalls) {

    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 8;
    /** Separates the server's name from the tool's in the names clients see. */
    public static final String SEPARATOR = "__";

    public McpServerDeclaration {
        allowTools = Set.copyOf(allowTools);
        denyTools = Set.copyOf(denyTools);
        if ((endpoint == null) == (launch == null)) {
            throw new IllegalArgumentException("an MCP server is either HTTP (endpoint) or stdio (launch): " + name);
        }
    }

    public boolean isStdio() {
        return launch != null;
    }

    /** The name clients see for one of this server's tools (or prompts). */
    public String namespaced(String downstreamName) {
        return name + SEPARATOR + downstreamName;
    }

    /** Whether the declaration's own lists let this downstream tool through (the lock and read-only mode come after). */
    public boolean declares(String downstreamTool) {
        return !denyTools.contains(downstreamTool) && (allowTools.isEmpty() || allowTools.contains(downstreamTool));
    }
}

package dev.berth.cli;

import dev.berth.agent.Agent;
import dev.berth.mcp.BerthMcpServer;
import dev.berth.mcp.ListenAddress;
import dev.berth.mcp.McpHttpServer;
import dev.berth.mcp.McpToken;
import dev.berth.mcp.RequestGuard;
import java.io.Closeable;
import java.io.PrintWriter;
import java.util.Set;

/** The daemon's MCP endpoint, when {@code --mcp-listen} asks for one. */
final class McpEndpoint {
    private McpEndpoint() {
    }

    static Closeable start(McpDaemonOptions options, Wiring w, Agent agent, PrintWriter log) throws Exception {
        if (options.listen == null) {
            return () -> { };
        }
        ListenAddress listen;
        try {
            listen = ListenAddress.parse(options.listen);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new Main()), e.getMessage());
        }
        BerthMcpServer server = McpSetup.server(w, new DaemonDeployments(agent, w, log), options.allowWrite,
                options.allowTools, options.denyTools, line -> {
                    synchronized (log) {
                        log.println(line);
                        log.flush();
                    }
                }, !options.noServers, true);
        McpToken token = McpToken.loadOrCreate(w.layout.stateDir());
        RequestGuard guard = new RequestGuard(token, RequestGuard.hostsFor(listen, Set.copyOf(options.allowHosts)),
                McpHttpServer.MAX_BODY);
        McpHttpServer http = McpHttpServer.start(server, listen, guard);
        synchronized (log) {
            log.println("mcp: serving http://" + (listen.host().contains(":") ? "[" + listen.host() + "]" : listen.host()) + ":"
                    + http.port() + McpHttpServer.ENDPOINT + " (" + (options.allowWrite ? "read-write" : "read-only")
                    + ", " + server.callableTools().size() + " tools + " + server.downstreamToolNames().size()
                    + " from declared MCP servers; bearer token in " + McpToken.file(w.layout.stateDir())
                    + ", id " + token.id() + ")" + (listen.loopback() ? "" : "; WARNING: not a loopback address"));
            log.flush();
        }
        return http::close;
    }
}

package dev.berth.cli;

import dev.berth.Berth;
import dev.berth.console.ConsoleMount;
import dev.berth.console.ConsoleSettings;
import dev.berth.http.HttpEndpoint;
import dev.berth.http.Mount;
import dev.berth.mcp.ListenAddress;
import dev.berth.mcp.McpHttpServer;
import dev.berth.mcp.McpMount;
import dev.berth.mcp.McpToken;
import dev.berth.mcp.RequestGuard;
import dev.berth.metrics.MetricsServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * The daemon's one HTTP listener ({@code berth run --listen}): each feature is a {@link Mount} on one
 * {@link HttpEndpoint}: the console at /, MCP at /mcp, metrics at /metrics. Another feature is one more
 * {@code mounts.add(...)} below.
 */
final class DaemonListener {
    private DaemonListener() {
    }

    /** Refuses options that do not go together, before anything starts. */
    static void checkOptions(ConsoleOptions options, McpDaemonOptions mcp, String metricsListen) {
        if (options.listen == null && options.allowWrite) {
            throw usage("--console-allow-write needs --listen: the console is served on the --listen address");
        }
        if (options.listen != null && (mcp.listen != null || metricsListen != null)) {
            throw usage("--listen already serves MCP at /mcp and metrics at /metrics: drop --mcp-listen and --metrics-listen"
                    + " (or drop --listen to keep the listeners of their own)");
        }
        if (options.listen != null) {
            parse(options.listen, "--listen");
        }
    }

    static Closeable start(ConsoleOptions options, McpDaemonOptions mcp, String metricsListen, Berth berth,
                           MetricsServer.Source metrics, PrintWriter log) throws Exception {
        checkOptions(options, mcp, metricsListen);
        if (options.listen == null) {
            return () -> { };
        }
        ListenAddress listen = parse(options.listen, "--listen");
        McpToken token = McpToken.loadOrCreate(berth.layout().stateDir());
        List<Mount> mounts = new ArrayList<>();
        McpMount mcpMount = McpEndpoint.mount(mcp, listen, berth, log);
        mounts.add(mcpMount);
        mounts.add(MetricsServer.mount(metrics));
        mounts.add(new ConsoleMount(berth, new ConsoleSettings(token,
                RequestGuard.hostsFor(listen, Set.copyOf(mcp.allowHosts)), options.allowWrite, line -> say(log, line),
                mcpMount.oauth())));
        mounts.add(new WebhookMount(berth, log));
        HttpEndpoint.Builder builder = HttpEndpoint.builder().listen(listen.host(), listen.port()).limits(McpHttpServer.LIMITS);
        mounts.forEach(builder::mount);
        HttpEndpoint http;
        try {
            http = builder.start();
        } catch (IOException e) {
            mounts.forEach(Mount::close);
            throw e;
        }
        String at = url(listen, http.port());
        say(log, "listening on " + at + ": console at / (" + (options.allowWrite ? "read-write" : "read-only")
                + ", sign in with the token in " + McpToken.file(berth.layout().stateDir()) + ", id " + token.id()
                + "), metrics at /metrics, mcp at /mcp (" + mcpMount.description() + "), webhooks at /hooks/FORGE");
        return () -> {
            try {
                mounts.forEach(Mount::close);
            } finally {
                http.close();
            }
        };
    }

    static ListenAddress parse(String text, String option) {
        try {
            return ListenAddress.parse(text, option);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    static String url(ListenAddress listen, int port) {
        return "http://" + (listen.host().contains(":") ? "[" + listen.host() + "]" : listen.host()) + ":" + port;
    }

    static void say(PrintWriter log, String line) {
        synchronized (log) {
            log.println(line);
            log.flush();
        }
    }

    private static CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(new CommandLine(new Main()), message);
    }
}

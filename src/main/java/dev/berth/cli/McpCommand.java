package dev.berth.cli;

import dev.berth.host.HostLayout;
import dev.berth.mcp.BerthMcpServer;
import dev.berth.mcp.McpStdioServer;
import dev.berth.mcp.McpToken;
import dev.berth.mcp.ToolSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "mcp", mixinStandardHelpOptions = true,
        subcommands = {McpCommand.Token.class, McpLockCommand.class},
        description = {"Serve the Model Context Protocol on stdin/stdout, so an MCP client (an AI assistant) can see " +
            "the deployment and the host's containers, and, only with --allow-write, sync, roll back, start, stop, " +
            "restart units and pull images. Changes go through the same paths as 'berth sync' and 'berth rollback'. " +
            "Every write call is logged on stderr. For HTTP, see 'berth run --mcp-listen'. " +
            "The MCP servers the deployed commit declares ([X-Berth] MCP= in a .container unit, or a NAME.mcp file) " +
            "are served too, their tools named SERVER__TOOL, once mcp.lock pins their definitions ('berth mcp lock')."})
final class McpCommand extends HostCommand {

    @Option(names = "--allow-write", description = "Allow the tools that change the host (sync, rollback, unit_start/stop/restart,"
            + " image_pull). Without it the server is read-only.")
    boolean allowWrite;

    @Option(names = "--allow-tools", split = ",", paramLabel = "TOOL[,TOOL...]",
            description = "Offer only these tools (default: all; see --list-tools).")
    List<String> allowTools = new ArrayList<>();

    @Option(names = "--deny-tools", split = ",", paramLabel = "TOOL[,TOOL...]", description = "Never offer these tools.")
    List<String> denyTools = new ArrayList<>();

    @Option(names = "--no-servers", description = "Serve only Berth's own tools, not those of the MCP servers the repository declares.")
    boolean noServers;

    @Option(names = "--list-tools", description = "Print the tools, their hints and whether this configuration allows them, then exit.")
    boolean listTools;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = err();
        WriteLogToStream writeLog = new WriteLogToStream(log);
        BerthMcpServer server = McpSetup.server(HostCommand.open(host, log, log), allowWrite, allowTools, denyTools, writeLog,
                !noServers, false);
        if (listTools) {
            List<ToolSpec> callable = server.callableTools();
            for (ToolSpec t : server.tools()) {
                out().printf("%-18s %-9s %s%s%n", t.name(), t.writes() ? "write" : "read",
                        callable.contains(t) ? "allowed" : "refused", t.hints().destructive() ? " (destructive)" : "");
            }
            for (String name : server.downstreamToolNames()) {
                out().printf("%-18s %-9s %s%n", name, "forwarded", "allowed");
            }
            server.close();
            return 0;
        }
        McpStdioServer.serve(server, System.in, System.out);
        return 0;
    }

    /** Write calls go to stderr: stdout carries the protocol. */
    private record WriteLogToStream(PrintWriter to) implements dev.berth.mcp.WriteLog {
        @Override
        public void record(String line) {
            synchronized (to) {
                to.println("berth: " + java.time.Instant.now() + " " + line);
                to.flush();
            }
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = {"Print the bearer token the daemon's MCP endpoint (berth run --mcp-listen) requires; makes it on " +
                "first use. It is kept in the state folder, file mcp-token, mode 0600. Delete the file to make a new one."})
    static final class Token implements Callable<Integer> {
        @Mixin
        HostOptions host = new HostOptions();

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            HostLayout layout = HostLayout.forCurrentUser(host.stateDir);
            spec.commandLine().getOut().println(McpToken.loadOrCreate(layout.stateDir()).value());
            return 0;
        }
    }
}

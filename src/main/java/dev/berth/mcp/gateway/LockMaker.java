package dev.berth.mcp.gateway;

import dev.berth.mcp.declaration.McpLock;
import dev.berth.mcp.declaration.McpServerDeclaration;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/** {@code berth mcp lock}: asks every declared server for its tools now and pins their definitions. */
public final class LockMaker {
    private LockMaker() {
    }

    /**
     * @param progress one line per server as it is read
     * @throws IOException naming the first server that could not be read; no partial lock is made
     */
    public static McpLock make(DeclarationSource.Snapshot snapshot, Consumer<String> progress) throws IOException {
        return make(snapshot, progress, DownstreamServer.CONNECT);
    }

    static McpLock make(DeclarationSource.Snapshot snapshot, Consumer<String> progress, DownstreamServer.Connector connector)
            throws IOException {
        McpLock lock = McpLock.empty();
        for (McpServerDeclaration server : snapshot.servers()) {
            progress.accept(server.name() + ": " + (server.isStdio() ? "starting " + server.launch().image()
                    : "connecting to " + server.endpoint()));
            List<McpSchema.Tool> tools;
            List<McpSchema.Prompt> prompts;
            try (DownstreamClient c = connector.connect(server, "berth-mcp-" + server.name() + "-lock-" + ProcessHandle.current().pid())) {
                tools = c.tools();
                prompts = c.prompts();
            } catch (RuntimeException e) {
                throw new IOException("cannot read the tools of MCP server '" + server.name() + "' (declared in " + server.source()
                        + "): " + DownstreamServer.describe(e) + (server.isStdio() ? "" : "; is its unit " + server.unit()
                        + " running? (berth status)"), e);
            }
            lock = lock.with(server.name(), tools, prompts);
            progress.accept(server.name() + ": " + tools.size() + " tools and " + prompts.size() + " prompts pinned");
        }
        return lock;
    }
}

package dev.berth.mcp.gateway;

import dev.berth.mcp.declaration.McpLock;
import dev.berth.mcp.declaration.McpServerDeclaration;
import java.io.IOException;
import java.util.List;

/** Where the endpoint learns which MCP servers to front: the deployed commit, or a working tree. */
public interface DeclarationSource {

    /** What the repository declares at one version. */
    record Snapshot(String version, List<McpServerDeclaration> servers, McpLock lock) {
        public Snapshot {
            servers = List.copyOf(servers);
        }

        public static Snapshot empty() {
            return new Snapshot(null, List.of(), McpLock.empty());
        }
    }

    /** Cheap: an id that changes whenever {@link #load()} could give something else (the deployed commit). */
    String version() throws IOException;

    Snapshot load() throws IOException;
}

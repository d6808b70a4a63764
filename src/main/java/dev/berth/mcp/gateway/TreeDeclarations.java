package dev.berth.mcp.gateway;

import dev.berth.mcp.declaration.McpDeclarationReader;
import dev.berth.mcp.declaration.McpDeclarations;
import dev.berth.mcp.declaration.McpLock;
import dev.berth.repo.Problem;
import dev.berth.repo.RepositoryReader;
import dev.berth.repo.RepositoryScan;
import dev.berth.repo.ValidationLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** The declarations and lock in one folder: a working tree ({@code berth mcp lock --repo}) or an exported commit. */
public final class TreeDeclarations implements DeclarationSource {
    private final Path root;

    public TreeDeclarations(Path root) {
        this.root = root;
    }

    @Override
    public String version() {
        return root.toString();
    }

    @Override
    public Snapshot load() throws IOException {
        return read(root, root.toString(), null);
    }

    /**
     * @param runningUnits the unit files this host runs (an HTTP server in a unit the host does not run is not
     *                     fronted here), or null to take every declaration
     * @throws IOException when a declaration or the lock has an error (a deployed commit never has: sync refuses it)
     */
    static Snapshot read(Path root, String version, Set<String> runningUnits) throws IOException {
        RepositoryScan scan = RepositoryReader.read(root, ValidationLimits.DEFAULTS);
        McpDeclarations declarations = McpDeclarationReader.read(root, scan);
        String errors = declarations.problems().stream().filter(Problem::isError).map(Problem::toString)
                .collect(Collectors.joining("\n  "));
        if (!errors.isEmpty()) {
            throw new IOException("the MCP server declarations have errors (berth validate shows them all):\n  " + errors);
        }
        McpLock lock;
        try {
            lock = McpLock.read(root);
        } catch (IOException e) {
            throw new IOException(McpLock.FILE + ": " + e.getMessage(), e);
        }
        return new Snapshot(version, declarations.servers().stream()
                .filter(d -> runningUnits == null || d.unit() == null || runningUnits.contains(d.unit())).toList(), lock);
    }
}

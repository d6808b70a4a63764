package dev.berth.mcp.declaration;

import dev.berth.repo.Problem;
import java.util.List;

/**
 * The MCP servers a repository declares, with what is wrong in their declarations. Servers whose
 * declaration has an error are left out of {@link #servers()}.
 *
 * @param servers  sorted by name, names unique
 * @param problems errors and warnings pointing at the declaring file and line
 */
public record McpDeclarations(List<McpServerDeclaration> servers, List<Problem> problems) {

    public McpDeclarations {
        servers = List.copyOf(servers);
        problems = List.copyOf(problems);
    }

    public static McpDeclarations none() {
        return new McpDeclarations(List.of(), List.of());
    }
}

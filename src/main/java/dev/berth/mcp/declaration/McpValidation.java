package dev.berth.mcp.declaration;

import dev.berth.repo.Problem;
import dev.berth.repo.RepositoryScan;
import dev.berth.repo.RepositoryTree;
import dev.berth.repo.ValidationLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code berth validate} (and so every sync) checks about the MCP servers a checkout declares: the
 * declarations ({@link McpDeclarationReader}) and {@value McpLock#FILE} against them. An error here
 * refuses the commit like any other validation error.
 */
public final class McpValidation {

    private McpValidation() {
    }

    public static List<Problem> check(Path checkoutRoot, RepositoryScan scan, ValidationLimits limits) {
        RepositoryTree tree;
        try {
            tree = McpDeclarationReader.treeOf(checkoutRoot, scan);
        } catch (IOException | RuntimeException e) {
            // the repository reader has already reported a checkout it cannot list
            return List.of();
        }
        try {
            Set<String> claimed = new HashSet<>();
            McpDeclarations declarations = McpDeclarationReader.read(tree, scan, limits, claimed);
            List<Problem> out = new ArrayList<>(declarations.problems());
            Optional<McpLock> lock = McpLockCheck.read(tree, limits, out);
            lock.ifPresent(l -> out.addAll(McpLockCheck.check(l, declarations, claimed)));
            return out;
        } catch (RuntimeException e) {
            // as for the validation rules: a bug here must not take validation down with it
            return List.of(Problem.error(".", 0, "checking the MCP server declarations failed (" + e
                    + "): please report this as a Berth bug"));
        }
    }
}

package dev.berth.mcp.declaration;

import dev.berth.repo.Problem;
import dev.berth.repo.RepositoryTree;
import dev.berth.repo.TextFiles;
import dev.berth.repo.ValidationLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks {@value McpLock#FILE} against the declarations: a lock that cannot be read is an error (the
 * gateway could serve nothing it pins); a declared server without an entry, or an entry for a server
 * nobody declares, is a warning (the tools are withheld, or the entry is stale); a pinned tool whose
 * namespaced name clients could not use is an error.
 */
final class McpLockCheck {

    private McpLockCheck() {
    }

    /** The lock as the tree holds it (empty when there is none), or empty with a problem added. */
    static Optional<McpLock> read(RepositoryTree tree, ValidationLimits limits, List<Problem> problems) {
        String file = McpLock.FILE;
        if (tree.escapingLinks().containsKey(file)) {
            problems.add(Problem.error(file, 0, "is a symlink to " + tree.escapingLinks().get(file) + ", outside the"
                    + " repository: commit the lock file itself"));
            return Optional.empty();
        }
        if (tree.brokenLinks().contains(file)) {
            problems.add(Problem.error(file, 0, "is a symlink to a file that does not exist: commit the lock file itself"));
            return Optional.empty();
        }
        if (tree.isDirectory(file)) {
            problems.add(Problem.error(file, 0, "is a folder: the lock is the file berth mcp lock writes"));
            return Optional.empty();
        }
        if (!tree.isFile(file)) {
            return Optional.of(McpLock.empty());
        }
        Optional<TextFiles.LoadedText> text = TextFiles.readUnitText(tree, file, limits.maxUnitBytes(), problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(McpLock.parse(text.get().text()));
        } catch (IOException e) {
            problems.add(Problem.error(file, 0, e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * @param claimed every server name a declaration uses, also those left out for errors (their lock entry
     *                is not stale, so it is not reported on top of the error)
     */
    static List<Problem> check(McpLock lock, McpDeclarations declarations, Set<String> claimed) {
        List<Problem> out = new ArrayList<>();
        String file = McpLock.FILE;
        for (McpServerDeclaration d : declarations.servers()) {
            Map<String, String> pinned = lock.servers().get(d.name());
            if (pinned == null) {
                out.add(Problem.warning(d.source(), d.line(), "MCP server '" + d.name() + "' has no entry in " + file
                        + ": its tools are withheld until you run berth mcp lock and commit " + file));
                continue;
            }
            for (String tool : pinned.keySet()) {
                if (!d.declares(tool)) {
                    continue; // never served, so its name does not matter
                }
                String namespaced = d.namespaced(tool);
                String problem = McpNames.toolNameProblem(namespaced);
                if (problem != null) {
                    String keys = d.isStdio() ? "" : "MCP";
                    boolean denyable = tool.chars().noneMatch(c -> c == ' ' || c == '\t');
                    out.add(Problem.error(file, 0, "tool '" + tool + "' of server '" + d.name() + "' would be served as '"
                            + abbreviate(namespaced) + "', which clients refuse: a tool name " + problem + "; in "
                            + d.source() + ", " + (namespaced.length() > McpNames.MAX_TOOL_NAME && tool.length() < McpNames.MAX_TOOL_NAME - 3
                            ? "shorten the server's name, " : "") + (denyable ? "deny the tool (" + keys + "DenyTools=" + tool
                            + ") or " : "") + "list the tools to serve (" + keys + "AllowTools=)"));
                }
            }
            for (String tool : d.allowTools()) {
                if (!pinned.containsKey(tool)) {
                    out.add(Problem.warning(d.source(), d.line(), "server '" + d.name() + "' allows tool '" + tool
                            + "', which " + file + " does not list: check the name, or run berth mcp lock again"));
                }
            }
        }
        for (String server : lock.servers().keySet()) {
            if (!claimed.contains(server)) {
                out.add(Problem.warning(file, 0, "has an entry for MCP server '" + server + "', which the repository does"
                        + " not declare: run berth mcp lock again to drop it"));
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}

package dev.berth.mcp.declaration;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.repo.RepositoryTree;
import dev.berth.repo.TextFiles;
import dev.berth.repo.ValidationLimits;
import dev.berth.unit.UnitFile;
import dev.berth.unit.UnitParser;
import dev.berth.unit.UnitSyntaxException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the MCP servers a checkout declares: {@code .container} units with {@code [X-Berth] MCP=} (from
 * the scan, drop-ins applied) and {@code NAME.mcp} files anywhere in the checkout ({@code .git} skipped;
 * symlinks, size and encoding checked as for unit files). Never throws for what the repository holds.
 * Then checks the names across both kinds: a name two declarations share is an error on each.
 */
public final class McpDeclarationReader {

    private McpDeclarationReader() {
    }

    public static McpDeclarations read(Path checkoutRoot, RepositoryScan scan) {
        return read(checkoutRoot, scan, ValidationLimits.DEFAULTS);
    }

    public static McpDeclarations read(Path checkoutRoot, RepositoryScan scan, ValidationLimits limits) {
        RepositoryTree tree;
        try {
            tree = treeOf(checkoutRoot, scan);
        } catch (IOException | RuntimeException e) {
            return new McpDeclarations(List.of(), List.of(Problem.error(".", 0, "cannot list the repository at "
                    + checkoutRoot + " to find .mcp files (" + e + "): check its permissions")));
        }
        return read(tree, scan, limits, new HashSet<>());
    }

    /** The listing the scan was made from when it is of this checkout; otherwise the checkout listed anew. */
    static RepositoryTree treeOf(Path checkoutRoot, RepositoryScan scan) throws IOException {
        if (scan.tree() != null && scan.tree().root().equals(checkoutRoot.toRealPath())) {
            return scan.tree();
        }
        return RepositoryTree.scan(checkoutRoot);
    }

    /** Over a tree already listed (the caller may also need it, e.g. to read the lock). */
    /** @param claimed receives every server name a declaration uses, also those left out for errors */
    static McpDeclarations read(RepositoryTree tree, RepositoryScan scan, ValidationLimits limits, Set<String> claimed) {
        List<Problem> problems = new ArrayList<>();
        List<McpServerDeclaration> found = new ArrayList<>();
        for (RepoUnit unit : scan.units()) {
            HttpDeclarations.of(unit, claimed, problems).ifPresent(found::add);
        }
        for (String path : stdioFiles(tree, problems)) {
            claimed.add(StdioDeclarations.nameOf(path)); // also when the file cannot be read or parsed
            parse(tree, path, limits, problems).flatMap(f -> StdioDeclarations.of(f, claimed, problems)).ifPresent(found::add);
        }
        List<McpServerDeclaration> servers = withoutCollisions(found, problems);
        problems.sort(Problem.BY_LOCATION);
        return new McpDeclarations(servers, problems);
    }

    /** The .mcp files, sorted; links named .mcp that leave the repository or lead nowhere are errors. */
    private static List<String> stdioFiles(RepositoryTree tree, List<Problem> problems) {
        problems.addAll(tree.linkProblems(McpDeclarationReader::isStdioFile, "reads"));
        return tree.files().stream().filter(McpDeclarationReader::isStdioFile).toList();
    }

    static boolean isStdioFile(String path) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        return fileName.endsWith(StdioDeclarations.EXTENSION) && fileName.length() > StdioDeclarations.EXTENSION.length();
    }

    private static Optional<UnitFile> parse(RepositoryTree tree, String path, ValidationLimits limits, List<Problem> problems) {
        Optional<TextFiles.LoadedText> text = TextFiles.readUnitText(tree, path, limits.maxUnitBytes(), problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UnitParser.parse(path, text.get().text()));
        } catch (UnitSyntaxException e) {
            problems.add(Problem.error(e.file(), e.line(), e.problem()));
            return Optional.empty();
        }
    }

    /** Declarations whose name no other declaration has; each one that shares its name is an error. */
    private static List<McpServerDeclaration> withoutCollisions(List<McpServerDeclaration> found, List<Problem> problems) {
        Map<String, List<McpServerDeclaration>> byName = new LinkedHashMap<>();
        found.stream()
                .sorted(Comparator.comparing(McpServerDeclaration::name).thenComparing(McpServerDeclaration::source)
                        .thenComparingInt(McpServerDeclaration::line))
                .forEach(d -> byName.computeIfAbsent(d.name(), n -> new ArrayList<>()).add(d));
        List<McpServerDeclaration> unique = new ArrayList<>();
        for (List<McpServerDeclaration> same : byName.values()) {
            if (same.size() == 1) {
                unique.add(same.getFirst());
                continue;
            }
            for (McpServerDeclaration d : same) {
                List<String> others = same.stream().filter(o -> o != d).map(o -> o.source() + ":" + o.line()).toList();
                problems.add(Problem.error(d.source(), d.line(), "the MCP server name '" + d.name() + "' is also declared"
                        + " at " + String.join(" and ", others) + ": server names namespace their tools (" + d.name()
                        + McpServerDeclaration.SEPARATOR + "TOOL), so each must be unique; rename one"
                        + (d.isStdio() ? " (the file)" : " (MCPName=)")));
            }
        }
        return unique;
    }
}

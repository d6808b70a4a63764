package dev.berth.mcp.declaration;

import dev.berth.repo.EffectiveEntries;
import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.UnitOptionsReader;
import dev.berth.unit.Entry;
import dev.berth.unit.UnitKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP MCP servers: {@code .container} units whose {@code [X-Berth]} has {@code MCP=URL}. The unit is read
 * with its drop-ins merged in, so a drop-in can add, change or clear ({@code MCP=}) the declaration.
 */
final class HttpDeclarations {

    static final String SECTION = UnitOptionsReader.SECTION;
    private static final List<String> OTHER_KEYS = List.of("MCPName", "MCPAllowTools", "MCPDenyTools", "MCPTimeout",
            "MCPMaxConcurrentCalls");

    private HttpDeclarations() {
    }

    /**
     * The declaration this unit makes, if any; what is wrong with it goes to {@code problems}.
     *
     * @param claimed receives the server's name, also when the declaration has errors
     */
    static Optional<McpServerDeclaration> of(RepoUnit unit, Set<String> claimed, List<Problem> problems) {
        if (!unit.unit().hasSection(SECTION)) {
            return Optional.empty(); // most units: no need to look for six keys one by one
        }
        Optional<Entry> mcp = EffectiveEntries.single(unit.unit(), SECTION, "MCP");
        if (mcp.isEmpty()) {
            for (String key : OTHER_KEYS) {
                EffectiveEntries.single(unit.unit(), SECTION, key).ifPresent(e -> problems.add(Problem.warning(e.file(),
                        e.line(), key + "= has no effect without MCP=: add MCP=http://127.0.0.1:PORT/PATH to declare"
                                + " the MCP server this unit runs, or remove it")));
            }
            return Optional.empty();
        }
        Entry at = mcp.get();
        if (unit.name().kind() != UnitKind.CONTAINER) {
            problems.add(Problem.error(at.file(), at.line(), "MCP= declares an HTTP MCP server, which only a .container"
                    + " unit can run: move it to the container's unit, or declare a stdio server in a NAME.mcp file"));
            return Optional.empty();
        }
        if (unit.name().isTemplate()) {
            return Optional.empty(); // a template does not run; its instances inherit MCP= and declare the servers
        }
        int errorsBefore = errorCount(problems);
        Optional<URI> url = endpoint(at, problems);
        String name = EffectiveEntries.single(unit.unit(), SECTION, "MCPName").map(e -> {
            String problem = McpNames.serverNameProblem(e.value());
            if (problem != null) {
                problems.add(Problem.error(e.file(), e.line(), "MCPName='" + e.value() + "' " + problem));
            }
            return e.value();
        }).orElseGet(() -> {
            String base = defaultName(unit);
            String problem = McpNames.serverNameProblem(base);
            if (problem != null) {
                problems.add(Problem.error(at.file(), at.line(), "the MCP server's name would be the unit's name '" + base
                        + "', which " + problem + ": add MCPName=" + McpNames.suggestion(base)));
            }
            return base;
        });
        claimed.add(name);
        CallSettings calls = CallSettings.read(unit.unit(), SECTION, "MCP", problems);
        if (url.isEmpty() || errorCount(problems) > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new McpServerDeclaration(name, at.file(), at.line(), url.get(), unit.fileName(), null,
                calls.allowTools(), calls.denyTools(), calls.callTimeout(), calls.maxConcurrentCalls()));
    }

    /** {@code web.container} → {@code web}; an instance {@code web@blue.container} → {@code web-blue}. */
    static String defaultName(RepoUnit unit) {
        return unit.name().prefix() + (unit.name().isInstance() ? "-" + unit.name().instance() : "");
    }

    private static Optional<URI> endpoint(Entry e, List<Problem> problems) {
        String fix = ": write the server's Streamable HTTP endpoint, e.g. MCP=http://127.0.0.1:3001/mcp";
        URI uri;
        try {
            uri = new URI(e.value().strip());
        } catch (URISyntaxException x) {
            problems.add(Problem.error(e.file(), e.line(), "MCP='" + e.value() + "' is not a URL (" + x.getReason() + ")" + fix));
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add(Problem.error(e.file(), e.line(), "MCP='" + e.value() + "' is not an http:// or https:// URL" + fix));
            return Optional.empty();
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            problems.add(Problem.error(e.file(), e.line(), "MCP='" + e.value() + "' has no host" + fix));
            return Optional.empty();
        }
        if (uri.getRawUserInfo() != null) {
            problems.add(Problem.error(e.file(), e.line(), "MCP= carries credentials in the URL, which would be shown in"
                    + " status and logs: remove them (Berth connects from the host; publish the port on 127.0.0.1)"));
            return Optional.empty();
        }
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
            problems.add(Problem.error(e.file(), e.line(), "MCP='" + e.value() + "' has no path: add the endpoint's path,"
                    + " e.g. " + uri.getScheme() + "://" + uri.getRawAuthority() + "/mcp"));
            return Optional.empty();
        }
        if (uri.getRawFragment() != null) {
            problems.add(Problem.error(e.file(), e.line(), "MCP='" + e.value() + "' has a #fragment, which HTTP never"
                    + " sends: remove it"));
            return Optional.empty();
        }
        if (!isLoopback(uri.getHost())) {
            problems.add(Problem.warning(e.file(), e.line(), "MCP= points at " + uri.getHost() + ", not at this host's"
                    + " loopback: Berth connects from the host, so publish the server's port on 127.0.0.1"
                    + " (PublishPort=127.0.0.1:PORT:PORT) and keep it off the network"));
        }
        return Optional.of(uri);
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("[::1]") || h.equals("::1")
                || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static int errorCount(List<Problem> problems) {
        return (int) problems.stream().filter(Problem::isError).count();
    }
}

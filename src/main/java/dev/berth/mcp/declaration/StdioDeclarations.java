package dev.berth.mcp.declaration;

import dev.berth.repo.EffectiveEntries;
import dev.berth.repo.Problem;
import dev.berth.repo.UnitOptionsReader;
import dev.berth.unit.Entry;
import dev.berth.unit.Section;
import dev.berth.unit.UnitFile;
import dev.berth.unit.UnitWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * stdio MCP servers: a {@code NAME.mcp} file, in unit-file syntax, whose {@code [MCP]} section says which
 * image to run and how ({@link StdioLaunch}). The keys are named as in quadlet's {@code [Container]}, so
 * {@code Image=}, {@code Exec=} and {@code Environment=} read as they would there.
 */
final class StdioDeclarations {

    static final String EXTENSION = ".mcp";
    static final String SECTION = "MCP";
    static final Set<String> KEYS = Set.of("Image", "Exec", "Network", "Memory", "CPUs", "Environment", "ReadOnly",
            "AllowTools", "DenyTools", "Timeout", "MaxConcurrentCalls");
    private static final Pattern MEMORY = Pattern.compile("([0-9]{1,15})([bkmg]?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CPUS = Pattern.compile("[0-9]{1,4}(\\.[0-9]{1,3})?");
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*(:[^\\s]+)?");
    /** podman refuses a container memory limit below 6 MiB. */
    private static final long MIN_MEMORY_BYTES = 6L << 20;

    private StdioDeclarations() {
    }

    /** The server name a {@code .mcp} file declares: its file name without the extension. */
    static String nameOf(String path) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        return fileName.substring(0, fileName.length() - EXTENSION.length());
    }

    /**
     * The declaration a parsed {@code .mcp} file makes; what is wrong with it goes to {@code problems}.
     *
     * @param claimed receives the server's name, also when the declaration has errors
     */
    static Optional<McpServerDeclaration> of(UnitFile file, Set<String> claimed, List<Problem> problems) {
        String path = file.path();
        int errorsBefore = errorCount(problems);
        warnAboutUnknowns(file, problems);
        String name = nameOf(path);
        claimed.add(name);
        String nameProblem = McpNames.serverNameProblem(name);
        if (nameProblem != null) {
            problems.add(Problem.error(path, 1, "the server's name '" + name + "' (the file's name) " + nameProblem
                    + ": rename the file to " + McpNames.suggestion(name) + EXTENSION));
        }
        Optional<Entry> image = EffectiveEntries.single(file, SECTION, "Image");
        if (image.isEmpty()) {
            problems.add(Problem.error(path, sectionLine(file), file.hasSection(SECTION)
                    ? "[MCP] has no Image=: add Image=REFERENCE, the container image that runs the server on stdio"
                    : "has no [MCP] section: a .mcp file declares a stdio MCP server with [MCP] and Image=REFERENCE"));
        } else {
            checkImage(image.get(), problems);
        }
        List<String> args = EffectiveEntries.single(file, SECTION, "Exec").map(e -> words(e, problems)).orElse(List.of());
        String network = single(file, "Network", StdioLaunch.DEFAULT_NETWORK, StdioDeclarations::networkProblem, problems);
        if (network.equals("host")) {
            EffectiveEntries.single(file, SECTION, "Network").ifPresent(e -> problems.add(Problem.warning(e.file(), e.line(),
                    "Network=host gives the server the host's network, loopback services included: use a podman network"
                            + " that reaches only what the server needs")));
        }
        String memory = single(file, "Memory", StdioLaunch.DEFAULT_MEMORY, StdioDeclarations::memoryProblem, problems);
        String cpus = single(file, "CPUs", StdioLaunch.DEFAULT_CPUS, StdioDeclarations::cpusProblem, problems);
        boolean readOnly = EffectiveEntries.single(file, SECTION, "ReadOnly").map(e -> {
            Optional<Boolean> b = UnitOptionsReader.parseBoolean(e.value());
            if (b.isEmpty()) {
                problems.add(Problem.error(e.file(), e.line(), "ReadOnly='" + e.value() + "' is not a boolean: write true"
                        + " (the default: a read-only root file system with a writable /tmp) or false"));
            }
            return b.orElse(true);
        }).orElse(true);
        List<String> environment = new ArrayList<>();
        for (Entry e : EffectiveEntries.list(file, SECTION, "Environment")) {
            for (String assignment : words(e, problems)) {
                int eq = assignment.indexOf('=');
                if (eq <= 0 || !ENV_KEY.matcher(assignment.substring(0, eq)).matches()) {
                    problems.add(Problem.error(e.file(), e.line(), "Environment= has '" + assignment + "', which is not"
                            + " NAME=VALUE: write e.g. Environment=LOG_LEVEL=debug \"GREETING=hello world\""));
                } else {
                    environment.add(assignment);
                }
            }
        }
        CallSettings calls = CallSettings.read(file, SECTION, "", problems);
        if (errorCount(problems) > errorsBefore) {
            return Optional.empty();
        }
        StdioLaunch launch = new StdioLaunch(image.get().value().strip(), args, network, memory, cpus, environment, readOnly);
        return Optional.of(new McpServerDeclaration(name, path, 1, null, null, launch, calls.allowTools(),
                calls.denyTools(), calls.callTimeout(), calls.maxConcurrentCalls()));
    }

    private static void warnAboutUnknowns(UnitFile file, List<Problem> problems) {
        for (Section s : file.sections()) {
            if (!s.name().equals(SECTION)) {
                problems.add(Problem.warning(s.file(), s.line(), "section [" + s.name() + "] is ignored: a .mcp file has"
                        + " only [MCP]"));
                continue;
            }
            for (Entry e : s.entries()) {
                if (!KEYS.contains(e.key())) {
                    problems.add(Problem.warning(e.file(), e.line(), "unknown setting '" + e.key() + "' in [MCP]: Berth"
                            + " knows " + String.join(", ", KEYS.stream().sorted().toList())));
                }
            }
        }
    }

    private static void checkImage(Entry e, List<Problem> problems) {
        String image = e.value().strip();
        if (image.endsWith(".image") || image.endsWith(".build")) {
            problems.add(Problem.error(e.file(), e.line(), "Image=" + image + " names a quadlet unit, which podman run"
                    + " does not know: write the image reference itself (for a .build unit, its ImageTag=)"));
        } else if (image.chars().anyMatch(c -> c == ' ' || c == '\t') || image.startsWith("-")) {
            problems.add(Problem.error(e.file(), e.line(), "Image='" + image + "' is not an image reference: write one"
                    + " reference such as docker.io/mcp/everything:latest, and the arguments in Exec="));
        }
    }

    private static List<String> words(Entry e, List<Problem> problems) {
        try {
            return UnitWords.split(e.value(), UnitWords.Mode.STRICT_ARGUMENTS);
        } catch (IllegalArgumentException x) {
            problems.add(Problem.error(e.file(), e.line(), e.key() + "=: " + x.getMessage()));
            return List.of();
        }
    }

    private static String single(UnitFile file, String key, String fallback,
                                 java.util.function.Function<String, String> problemOf, List<Problem> problems) {
        return EffectiveEntries.single(file, SECTION, key).map(e -> {
            String value = e.value().strip();
            String problem = problemOf.apply(value);
            if (problem != null) {
                problems.add(Problem.error(e.file(), e.line(), key + "='" + e.value() + "' " + problem));
            }
            return value;
        }).orElse(fallback);
    }

    static String memoryProblem(String value) {
        var m = MEMORY.matcher(value);
        if (!m.matches()) {
            return "is not a memory size: write a number with b, k, m or g, e.g. 256m or 1g";
        }
        long unit = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1;
        };
        long n = Long.parseLong(m.group(1));
        if (n > Long.MAX_VALUE / unit || n * unit < MIN_MEMORY_BYTES) {
            return n > Long.MAX_VALUE / unit ? "is too large: write e.g. 1g" : "is below the 6m podman allows: write e.g. 256m";
        }
        return null;
    }

    static String cpusProblem(String value) {
        if (!CPUS.matcher(value).matches() || Double.parseDouble(value) <= 0) {
            return "is not a number of CPUs: write a positive number such as 0.5 or 2";
        }
        return null;
    }

    static String networkProblem(String value) {
        if (value.endsWith(".network")) {
            return "names a quadlet .network unit, which podman run does not know: write the podman network's name"
                    + " (quadlet calls x.network's network systemd-x unless NetworkName= says otherwise)";
        }
        if (!NETWORK.matcher(value).matches()) {
            return "is not a podman network: write none (the default), a network's name, or slirp4netns / pasta";
        }
        return null;
    }

    private static int sectionLine(UnitFile file) {
        return file.sections().stream().filter(s -> s.name().equals(SECTION)).findFirst().map(Section::line).orElse(1);
    }

    private static int errorCount(List<Problem> problems) {
        return (int) problems.stream().filter(Problem::isError).count();
    }
}

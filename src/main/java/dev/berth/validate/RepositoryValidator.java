package dev.berth.validate;

import dev.berth.mcp.gateway.McpValidation;
import dev.berth.repo.Problem;
import dev.berth.repo.RepositoryReader;
import dev.berth.repo.RepositoryScan;
import dev.berth.repo.ValidationLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validates a repository: reads it ({@link RepositoryReader}), runs every {@link ValidationRule}, and,
 * where podman's quadlet generator is installed, lets quadlet itself try the units in a dry run.
 */
public final class RepositoryValidator {

    /** The checks over a scan, in no particular order (problems are sorted afterwards). */
    public static final List<ValidationRule> RULES = List.of(
            new DuplicateNamesRule(),
            new MissingReferenceRule(),
            new DependencyCycleRule(),
            new RequiredSettingsRule(),
            new UnknownKeyRule(),
            new ServiceEnvironmentFileRule(),
            new HostWideDropInRule());

    private final ValidationLimits limits;
    private final QuadletGenerator generator;

    public RepositoryValidator(ValidationLimits limits, QuadletGenerator generator) {
        this.limits = limits;
        this.generator = generator;
    }

    /** With default limits and the podman generator if this host has one. */
    public static RepositoryValidator forThisHost() {
        return new RepositoryValidator(ValidationLimits.DEFAULTS, new PodmanQuadletGenerator());
    }

    public ValidationReport validate(Path root) {
        RepositoryScan scan = RepositoryReader.read(root, limits);
        List<Problem> problems = new ArrayList<>(scan.problems());
        problems.addAll(check(scan));
        problems.addAll(McpValidation.check(root, scan, limits)); // MCP server declarations and mcp.lock
        List<String> notes = new ArrayList<>();
        notes.add("read " + scan.unitPaths().size() + " unit files from " + root);
        if (scan.unitPaths().stream().anyMatch(p -> dev.berth.unit.UnitKind.ofFileName(p).map(k -> k.isQuadlet()).orElse(false))) {
            problems.addAll(dryRun(root, scan, notes));
        }
        return new ValidationReport(scan, problems, notes);
    }

    /** The rules alone, over a scan already made: pure, no I/O. A rule that fails becomes a problem too. */
    public static List<Problem> check(RepositoryScan scan) {
        List<Problem> out = new ArrayList<>();
        for (ValidationRule rule : RULES) {
            try {
                out.addAll(rule.check(scan));
            } catch (RuntimeException e) {
                out.add(Problem.error(".", 0, rule.getClass().getSimpleName() + " failed (" + e
                        + "): please report this as a Berth bug"));
            }
        }
        return out;
    }

    private List<Problem> dryRun(Path root, RepositoryScan scan, List<String> notes) {
        Optional<QuadletGenerator.DryRun> run = generator.dryRun(root);
        if (run.isEmpty()) {
            notes.add("quadlet generator not installed: skipped the quadlet dry run");
            return List.of();
        }
        notes.add("ran " + run.get().command() + " (exit code " + run.get().exitCode() + ")");
        String rootPrefix;
        try {
            rootPrefix = root.toRealPath() + "/";
        } catch (java.io.IOException e) {
            rootPrefix = root.toAbsolutePath() + "/";
        }
        return DryRunProblems.of(run.get(), scan, rootPrefix);
    }
}

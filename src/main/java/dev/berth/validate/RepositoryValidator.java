package dev.berth.validate;

import dev.berth.build.PodmanVersion;
import dev.berth.mcp.declaration.McpValidation;
import dev.berth.repo.Problem;
import dev.berth.repo.RepositoryReader;
import dev.berth.repo.RepositoryScan;
import dev.berth.repo.ValidationLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Validates a repository: reads it ({@link RepositoryReader}), runs every {@link ValidationRule}, and,
 * where podman's quadlet generator is installed, lets quadlet itself try the units in a dry run. The
 * rules check what quadlet's generator refuses for one Podman release: the one asked for, else the
 * installed one, else the newest Berth knows ({@link PodmanTarget}).
 */
public final class RepositoryValidator {

    /** The checks over a scan for the newest Podman Berth knows, in no particular order (problems are sorted afterwards). */
    public static final List<ValidationRule> RULES = rules(PodmanTarget.assumedNewest());

    private final ValidationLimits limits;
    private final QuadletGenerator generator;
    private final Optional<PodmanVersion> requested;

    public RepositoryValidator(ValidationLimits limits, QuadletGenerator generator) {
        this(limits, generator, Optional.empty());
    }

    /** @param requested the Podman release to check against ({@code --podman-version}); empty: the installed one */
    public RepositoryValidator(ValidationLimits limits, QuadletGenerator generator, Optional<PodmanVersion> requested) {
        this.limits = limits;
        this.generator = generator;
        this.requested = requested;
    }

    public ValidationLimits limits() {
        return limits;
    }

    /** With default limits and the podman generator if this host has one. */
    public static RepositoryValidator forThisHost() {
        return forThisHost(Optional.empty());
    }

    /** As {@link #forThisHost()}, checking against {@code requested} when given. */
    public static RepositoryValidator forThisHost(Optional<PodmanVersion> requested) {
        return new RepositoryValidator(ValidationLimits.DEFAULTS, new PodmanQuadletGenerator(), requested);
    }

    /** As {@link #forThisHost()}, remembering the last quadlet dry run in {@code memory} (see {@link RememberedDryRun}). */
    public static RepositoryValidator forThisHost(Path memory) {
        return new RepositoryValidator(ValidationLimits.DEFAULTS, new RememberedDryRun(new PodmanQuadletGenerator(), memory),
                Optional.empty());
    }

    /** The checks for one Podman release. */
    public static List<ValidationRule> rules(PodmanTarget podman) {
        return List.of(
                new DuplicateNamesRule(),
                new MissingReferenceRule(),
                new DependencyCycleRule(),
                new RequiredSettingsRule(),
                new UnknownKeyRule(podman),
                new UnitKindSupportRule(podman),
                new ContainerSettingsRule(podman),
                new UserMappingRule(),
                new NetworkUnitRule(),
                new VolumeUnitRule(),
                new BuildUnitRule(podman),
                new KubeUnitRule(podman),
                new ServiceSectionRule(),
                new NetworkReferenceRule(),
                new QuadletDependencyRule(podman),
                new ServiceEnvironmentFileRule(),
                new HostWideDropInRule());
    }

    public ValidationReport validate(Path root) {
        return validate(root, RepositoryReader.read(root, limits));
    }

    /** As {@link #validate(Path)}, over a scan of {@code root} already made (say, of its changed paths only). */
    public ValidationReport validate(Path root, RepositoryScan scan) {
        return validate(root, scan, podman -> check(scan, podman));
    }

    /** A report, and the rules' problems kept for checking the next scan of the same repository. */
    public record Validated(ValidationReport report, CheckedRules rules) {
    }

    /**
     * As {@link #validate(Path, RepositoryScan)}, looking for the rules' problems again only where {@code scan}
     * differs from the scan {@code earlier} checked (see {@link CheckedRules}); {@code earlier} may be null.
     */
    public Validated validate(Path root, RepositoryScan scan, CheckedRules earlier) {
        CheckedRules[] rules = new CheckedRules[1];
        ValidationReport report = validate(root, scan, podman -> (rules[0] = CheckedRules.check(scan, podman, earlier)).problems());
        return new Validated(report, rules[0]);
    }

    private ValidationReport validate(Path root, RepositoryScan scan, Function<PodmanTarget, List<Problem>> rules) {
        boolean hasQuadlets = scan.unitPaths().stream()
                .anyMatch(p -> dev.berth.unit.UnitKind.ofFileName(p).map(k -> k.isQuadlet()).orElse(false));
        Optional<PodmanVersion> installed = hasQuadlets ? generator.version() : Optional.empty();
        PodmanTarget podman = requested.map(v -> new PodmanTarget(v, PodmanTarget.Source.GIVEN))
                .or(() -> installed.map(v -> new PodmanTarget(v, PodmanTarget.Source.HOST)))
                .orElseGet(PodmanTarget::assumedNewest);
        List<Problem> problems = new ArrayList<>(scan.problems());
        problems.addAll(rules.apply(podman));
        problems.addAll(McpValidation.check(root, scan, limits)); // MCP server declarations and mcp.lock
        List<String> notes = new ArrayList<>();
        notes.add("read " + scan.unitPaths().size() + " unit files from " + root);
        notes.add("checked against " + podman);
        if (hasQuadlets) {
            boolean sameRelease = installed.map(v -> v.major() == podman.major() && v.minor() == podman.minor()).orElse(true);
            if (sameRelease) {
                problems.addAll(dryRun(root, scan, notes));
            } else {
                notes.add("skipped the quadlet dry run: this host has Podman " + installed.get().text()
                        + ", not the " + podman.version().text() + " asked for");
            }
        }
        return new ValidationReport(scan, problems, notes, podman);
    }

    /** The rules alone, over a scan already made, for the newest Podman Berth knows: pure, no I/O. */
    public static List<Problem> check(RepositoryScan scan) {
        return check(scan, PodmanTarget.assumedNewest());
    }

    /** The rules for {@code podman}, over a scan already made: pure, no I/O. A rule that fails becomes a problem too. */
    public static List<Problem> check(RepositoryScan scan, PodmanTarget podman) {
        List<Problem> out = new ArrayList<>();
        for (ValidationRule rule : rules(podman)) {
            out.addAll(CheckedRules.safely(rule, () -> rule.check(scan)));
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

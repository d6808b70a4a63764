package dev.berth.desired;

import dev.berth.build.PodmanVersion;
import dev.berth.fleet.FleetChecks;
import dev.berth.fleet.FleetFileReader;
import dev.berth.repo.Problem;
import dev.berth.validate.RepositoryValidator;
import dev.berth.validate.ValidationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code berth validate} and the MCP validate tool check of a checkout: every rule a deployment runs,
 * then berth.toml's own problems, then targeting checked against every host berth.toml declares (a deployment
 * checks only this host's share).
 */
public final class RepositoryCheck {
    private final RepositoryValidator validator;

    private RepositoryCheck(RepositoryValidator validator) {
        this.validator = validator;
    }

    /** @param podman the Podman release whose quadlet rules apply; empty: the installed one, else the newest known */
    public static RepositoryCheck forThisHost(Optional<PodmanVersion> podman) {
        return new RepositoryCheck(RepositoryValidator.forThisHost(podman));
    }

    public ValidationReport check(Path dir) {
        ValidationReport report = validator.validate(dir);
        FleetFileReader.Result fleet = FleetFileReader.read(dir);
        List<Problem> problems = new ArrayList<>(report.problems());
        problems.addAll(fleet.problems());
        if (!fleet.hasErrors()) {
            problems.addAll(FleetChecks.check(report.scan().desired(), fleet.file()));
        }
        return new ValidationReport(report.scan(), problems, report.notes(), report.podman());
    }
}

package dev.berth.apply;

import dev.berth.validate.RepositoryValidator;
import dev.berth.validate.ValidationReport;
import java.nio.file.Path;

/**
 * Reads a checkout and runs every validation rule on it — the same checks as {@code berth validate},
 * so a commit that validation rejects is never applied, not even partly.
 */
public final class CheckedRepositoryLoader implements RepositoryLoader {
    private final RepositoryValidator validator = RepositoryValidator.forThisHost();

    @Override
    public LoadedRepository load(Path checkout) {
        ValidationReport report = validator.validate(checkout);
        return new LoadedRepository(report.scan().desired(), report.problems());
    }
}

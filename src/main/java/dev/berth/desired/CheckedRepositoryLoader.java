package dev.berth.desired;

import dev.berth.validate.RepositoryValidator;
import dev.berth.validate.ValidationReport;
import java.nio.file.Path;

/**
 * Reads a checkout and runs every validation rule on it — the same checks as {@code berth validate},
 * so a commit that validation rejects is never applied, not even partly. The daemon keeps one loader
 * for its lifetime, so a sync of an unchanged commit reuses the last result instead of reading and
 * validating (and forking quadlet's dry run) again.
 */
public final class CheckedRepositoryLoader implements RepositoryLoader {
    private final RepositoryValidator validator;
    private String lastVersion;
    private LoadedRepository last;

    public CheckedRepositoryLoader() {
        this.validator = RepositoryValidator.forThisHost();
    }

    /** @param memory a folder of Berth's own where the last quadlet dry run is kept, for the next process to reuse */
    public CheckedRepositoryLoader(Path memory) {
        this.validator = RepositoryValidator.forThisHost(memory);
    }

    @Override
    public synchronized LoadedRepository load(Path checkout, String version) {
        String key = version == null ? null : checkout.toAbsolutePath() + "@" + version;
        if (key != null && key.equals(lastVersion)) {
            return last;
        }
        ValidationReport report = validator.validate(checkout);
        last = new LoadedRepository(report.scan().desired(), report.problems());
        lastVersion = key;
        return last;
    }
}

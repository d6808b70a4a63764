package dev.berth.desired;

import dev.berth.fleet.FleetFile;
import dev.berth.repo.ReadMemo;
import dev.berth.repo.RepositoryReader;
import dev.berth.repo.RepositoryReading;
import dev.berth.repo.ValidationLimits;
import dev.berth.validate.CheckedRules;
import dev.berth.validate.RepositoryValidator;
import dev.berth.validate.ValidationReport;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a checkout and runs every validation rule on it — the same checks as {@code berth validate},
 * so a commit that validation rejects is never applied, not even partly. The daemon keeps one loader
 * for its lifetime, so a sync of an unchanged commit reuses the last result instead of reading and
 * validating (and forking quadlet's dry run) again, and a sync of a new commit re-reads only the paths
 * git's tree diff names since the commit it read last (see {@link #readFollowed}).
 */
public final class CheckedRepositoryLoader implements RepositoryLoader {
    private final RepositoryValidator validator;
    private String lastVersion;
    private LoadedRepository last;
    /** The last read of a followed checkout, kept in memory only: it is as new as this process's code. */
    private Followed followed;
    private RepositoryReading.Kind lastKind;

    /** @param rules the rules' problems in that read, so that the next check looks again only at what changed */
    private record Followed(Path checkout, CheckoutVersion version, ReadMemo memo, CheckedRules rules) {
    }

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
        return remember(key, validator.validate(checkout));
    }

    @Override
    public synchronized LoadedRepository load(Path checkout, CheckoutVersion version, CommitDiff diff) {
        String key = checkout.toAbsolutePath() + "@" + version;
        if (key.equals(lastVersion)) {
            return last;
        }
        Followed earlier = followed;
        RepositoryReading reading = readFollowed(checkout.toAbsolutePath(), version, diff);
        lastKind = reading.kind();
        // the earlier rules only for a read that started from the earlier read: its unchanged units are the same objects
        RepositoryValidator.Validated validated = validator.validate(checkout, reading.scan(),
                reading.kind() == RepositoryReading.Kind.FULL ? null : earlier.rules());
        if (reading.memo() != null) {
            followed = new Followed(checkout.toAbsolutePath(), version, reading.memo(), validated.rules());
        }
        return remember(key, validated.report());
    }

    /**
     * The changed paths only when all of this holds, else everything: an earlier read of the same checkout folder,
     * exported from the same folder of the repository; git names the paths changed since that read's commit; and
     * berth.toml is not among them (targeting is applied after this loader, afresh, but a changed berth.toml
     * is reason enough to start clean). The earlier read is dropped first, so a failure midway leaves none.
     */
    private RepositoryReading readFollowed(Path checkout, CheckoutVersion version, CommitDiff diff) {
        Followed earlier = followed;
        followed = null;
        if (earlier != null && earlier.checkout().equals(checkout) && earlier.version().sameFolder(version)) {
            Optional<Set<String>> changed = diff.changedPaths(earlier.version().commit(), version.commit());
            if (changed.isPresent() && !changed.get().contains(FleetFile.FILE_NAME)) {
                return RepositoryReader.readChanged(checkout, earlier.memo(), changed.get());
            }
        }
        return RepositoryReader.readRemembering(checkout, validator.limits());
    }

    private LoadedRepository remember(String key, ValidationReport report) {
        last = new LoadedRepository(report.scan().desired(), report.problems());
        lastVersion = key;
        return last;
    }

    @Override
    public synchronized void forgetEarlierReads() {
        followed = null;
        lastVersion = null;
        last = null;
    }

    /** How the last load of a followed checkout read it: for tests, and for a sync's timing notes. */
    public synchronized Optional<RepositoryReading.Kind> lastReadKind() {
        return Optional.ofNullable(lastKind);
    }
}

package dev.berth.validate;

import dev.berth.repo.DependencyIndex;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A scan and the lookups over all its units that several rules need, each made once, when first asked for:
 * one check of every rule builds the reference index once instead of once per rule. The context of a later
 * scan in which no name changed takes the lookups of the earlier one's ({@link #following}). Lookups are made
 * under the lock: a context is kept with the rules checked in it, for the next check to share.
 */
final class ScanContext {

    private final RepositoryScan scan;
    private DependencyIndex index;
    private Set<String> fileNames;
    private Map<String, RepoUnit> firstByFileName;
    /** when following an earlier context: that one, and what changed since (for {@link #firstByFileName}) */
    private ScanContext earlier;
    private ScanChanges changes;

    ScanContext(RepositoryScan scan) {
        this.scan = scan;
    }

    /**
     * The context of {@code scan}, a later scan than {@code earlier}'s that has the same unit paths and in which no
     * unit's names changed ({@code changes} says so, see {@link ScanChanges#namesKept()}): the reference index and
     * the file names are made of names alone, so they are the earlier ones; the first unit of each file name is
     * the earlier one's but for the changed units.
     */
    static ScanContext following(ScanContext earlier, RepositoryScan scan, ScanChanges changes) {
        ScanContext next = new ScanContext(scan);
        next.index = earlier.index();
        next.fileNames = earlier.fileNames();
        next.earlier = earlier;
        next.changes = changes;
        return next;
    }

    RepositoryScan scan() {
        return scan;
    }

    /** What references resolve against, built as the reader builds it. */
    synchronized DependencyIndex index() {
        if (index == null) {
            index = ScanIndex.of(scan);
        }
        return index;
    }

    /** The file names of every unit file found, read or not. */
    synchronized Set<String> fileNames() {
        if (fileNames == null) {
            fileNames = new HashSet<>();
            scan.unitPaths().forEach(p -> fileNames.add(p.substring(p.lastIndexOf('/') + 1)));
        }
        return fileNames;
    }

    /** Of the units read, the first (by path) of each file name: the one installed. */
    synchronized Map<String, RepoUnit> firstByFileName() {
        if (firstByFileName == null && earlier != null) {
            firstByFileName = new HashMap<>(earlier.firstByFileName());
            for (int i = 0; i < changes.changedNow().size(); i++) {
                RepoUnit then = changes.changedThen().get(i);
                if (firstByFileName.get(then.fileName()) == then) {
                    firstByFileName.put(then.fileName(), changes.changedNow().get(i));
                }
            }
            earlier = null; // not kept alive by this context once used
        }
        if (firstByFileName == null) {
            firstByFileName = new HashMap<>();
            scan.units().forEach(u -> firstByFileName.putIfAbsent(u.fileName(), u));
        }
        return firstByFileName;
    }
}

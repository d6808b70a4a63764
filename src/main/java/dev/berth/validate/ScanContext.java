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
 * one check of every rule builds the reference index once instead of once per rule.
 */
final class ScanContext {

    private final RepositoryScan scan;
    private DependencyIndex index;
    private Set<String> fileNames;
    private Map<String, RepoUnit> firstByFileName;

    ScanContext(RepositoryScan scan) {
        this.scan = scan;
    }

    RepositoryScan scan() {
        return scan;
    }

    /** What references resolve against, built as the reader builds it. */
    DependencyIndex index() {
        if (index == null) {
            index = ScanIndex.of(scan);
        }
        return index;
    }

    /** The file names of every unit file found, read or not. */
    Set<String> fileNames() {
        if (fileNames == null) {
            fileNames = new HashSet<>();
            scan.unitPaths().forEach(p -> fileNames.add(p.substring(p.lastIndexOf('/') + 1)));
        }
        return fileNames;
    }

    /** Of the units read, the first (by path) of each file name: the one installed. */
    Map<String, RepoUnit> firstByFileName() {
        if (firstByFileName == null) {
            firstByFileName = new HashMap<>();
            scan.units().forEach(u -> firstByFileName.putIfAbsent(u.fileName(), u));
        }
        return firstByFileName;
    }
}

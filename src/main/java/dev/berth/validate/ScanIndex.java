package dev.berth.validate;

import dev.berth.repo.DependencyIndex;
import dev.berth.repo.RepositoryScan;
import java.util.AbstractMap;
import java.util.HashSet;
import java.util.Set;

/** The {@link DependencyIndex} of a scan, built the way the reader builds it. */
final class ScanIndex {

    private ScanIndex() {
    }

    static DependencyIndex of(RepositoryScan scan) {
        Set<String> fileNames = new HashSet<>();
        scan.unitPaths().forEach(p -> fileNames.add(p.substring(p.lastIndexOf('/') + 1)));
        return DependencyIndex.of(scan.units().stream()
                .<java.util.Map.Entry<String, String>>map(u -> new AbstractMap.SimpleEntry<>(u.fileName(), u.systemdName()))
                .toList(), fileNames);
    }
}

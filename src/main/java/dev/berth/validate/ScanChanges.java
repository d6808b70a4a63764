package dev.berth.validate;

import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.unit.UnitKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The units of two scans of one repository that are not the same object, position by position, when both
 * scans have the same unit paths in the same order (else there is no such pairing, and {@link #between}
 * is null).
 *
 * @param changedThen      those units as the earlier scan had them
 * @param changedNow       the same units as the later scan has them
 * @param changedPaths     their paths
 * @param namesKept        no systemd name or container name changed (nor any file name: the paths are the same)
 * @param dependenciesKept no changed unit depends on other units than before
 * @param dropInsKept      no changed unit has other drop-ins than before
 */
record ScanChanges(List<RepoUnit> changedThen, List<RepoUnit> changedNow, Set<String> changedPaths, boolean namesKept,
                   boolean dependenciesKept, boolean dropInsKept) {

    static ScanChanges between(RepositoryScan then, RepositoryScan now) {
        if (then.units().size() != now.units().size() || !then.unitPaths().equals(now.unitPaths())) {
            return null;
        }
        List<RepoUnit> before = new ArrayList<>();
        List<RepoUnit> after = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        boolean names = true;
        boolean dependencies = true;
        boolean dropIns = true;
        for (int i = 0; i < now.units().size(); i++) {
            RepoUnit a = then.units().get(i);
            RepoUnit b = now.units().get(i);
            if (a == b) {
                continue;
            }
            if (!a.path().equals(b.path())) {
                return null;
            }
            before.add(a);
            after.add(b);
            paths.add(b.path());
            names &= a.systemdName().equals(b.systemdName()) && containerName(a).equals(containerName(b));
            dependencies &= a.dependsOn().equals(b.dependsOn());
            dropIns &= a.dropIns().equals(b.dropIns());
        }
        return new ScanChanges(before, after, paths, names, dependencies, dropIns);
    }

    /** What {@link NetworkReferenceRule} reads of another unit besides its names. */
    private static String containerName(RepoUnit u) {
        return u.name().kind() == UnitKind.CONTAINER ? new QuadletLookup(u).value("ContainerName") : "";
    }
}

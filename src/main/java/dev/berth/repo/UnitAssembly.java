package dev.berth.repo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps that turn one loaded unit into a {@link RepoUnit}, shared by the full read and by the read that
 * recomputes only the units whose inputs changed ({@link ChangedUnits}): both must build a unit alike.
 */
final class UnitAssembly {

    private UnitAssembly() {
    }

    /** What a unit's references resolve to: the units it needs started first, and the units it triggers. */
    record Resolved(List<String> dependsOn, Set<String> triggers) {
    }

    /** A unit built, with the files it installs (computed for every unit; only the first of a file name installs). */
    record Built(RepoUnit unit, List<InstalledFile> installed) {
    }

    static Resolved resolve(LoadedUnit u, List<UnitReference> references, DependencyIndex index) {
        Set<String> deps = new LinkedHashSet<>();
        Set<String> triggers = new LinkedHashSet<>();
        for (UnitReference ref : references) {
            if (index.resolve(ref) instanceof DependencyIndex.Resolution.Found f && !f.fileName().equals(u.name().fileName())) {
                deps.add(f.fileName());
                if (ref.kind() == UnitReference.Kind.TRIGGERS) {
                    triggers.add(f.fileName());
                }
            }
        }
        return new Resolved(deps.stream().sorted().toList(), Set.copyOf(triggers));
    }

    /**
     * @param triggered whether a unit of the repository triggers it (then Berth does not start it itself)
     * @param problems  where the problems of its {@code [X-Berth]} options go
     */
    static Built build(LoadedUnit u, String systemdName, List<String> dependsOn, boolean triggered,
                       SupportingFileCollector.UnitSupport support, List<Problem> problems) {
        Map<String, String> digests = new LinkedHashMap<>(u.digests());
        digests.putAll(support.digests());
        List<String> order = new ArrayList<>(digests.keySet());
        boolean defaultAutoStart = !triggered && !u.name().isTemplate();
        UnitOptions options = UnitOptionsReader.read(u.unit(), defaultAutoStart, problems);
        RepoUnit unit = new RepoUnit(u.name(), u.path(), u.unit(), u.dropIns(), List.copyOf(support.digests().keySet()),
                systemdName, dependsOn, InputDigest.of(order, digests), options);
        return new Built(unit, InstallTargets.of(unit, digests));
    }
}

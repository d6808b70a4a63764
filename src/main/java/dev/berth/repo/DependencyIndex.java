package dev.berth.repo;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Looks up the repository unit a reference names, by unit file name ({@code db.container}) or by the
 * systemd unit it becomes ({@code db.service}).
 *
 * @param byFileName     units by file name (the first by path when names repeat)
 * @param bySystemdName  units' file names by systemd name (the first by path when names repeat)
 * @param unitFileNames  every unit file name found, also of files that could not be read, so that a
 *                       reference to a broken unit is not reported a second time as missing
 */
public record DependencyIndex(Map<String, String> byFileName, Map<String, String> bySystemdName, Set<String> unitFileNames) {

    /** @param units (file name, systemd name) of each unit, in path order */
    public static DependencyIndex of(Collection<Map.Entry<String, String>> units, Set<String> unitFileNames) {
        Map<String, String> byFile = new HashMap<>();
        Map<String, String> bySystemd = new HashMap<>();
        for (Map.Entry<String, String> u : units) {
            byFile.putIfAbsent(u.getKey(), u.getKey());
            bySystemd.putIfAbsent(u.getValue(), u.getKey());
        }
        return new DependencyIndex(byFile, bySystemd, Set.copyOf(unitFileNames));
    }

    /** What a reference resolves to. */
    public sealed interface Resolution {
        /** a unit of this repository, by file name */
        record Found(String fileName) implements Resolution { }
        /** names a quadlet file the repository does not have */
        record Missing() implements Resolution { }
        /** a unit of the host (or a unit file that exists but could not be read): not Berth's concern */
        record Elsewhere() implements Resolution { }
    }

    public Resolution resolve(UnitReference ref) {
        String target = ref.target();
        Optional<String> found = Optional.ofNullable(byFileName.get(target))
                .or(() -> ref.kind() == UnitReference.Kind.QUADLET_FILE
                        ? Optional.empty() : Optional.ofNullable(bySystemdName.get(target)));
        if (found.isPresent()) {
            return new Resolution.Found(found.get());
        }
        if (unitFileNames.contains(target)) {
            return new Resolution.Elsewhere();
        }
        boolean namesQuadletFile = dev.berth.unit.UnitKind.ofFileName(target).map(k -> k.isQuadlet()).orElse(false);
        if (ref.kind() == UnitReference.Kind.QUADLET_FILE || namesQuadletFile) {
            return new Resolution.Missing();
        }
        return new Resolution.Elsewhere();
    }
}

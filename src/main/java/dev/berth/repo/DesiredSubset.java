package dev.berth.repo;

import dev.berth.unit.Section;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A part of a desired state: some of its units, each without the drop-ins that do not apply. Used to
 * build one host's share of a repository that serves many hosts (see {@code dev.berth.fleet}). The files
 * to install are derived again from the units kept, so a file no kept unit uses is not installed.
 */
public final class DesiredSubset {

    private DesiredSubset() {
    }

    /**
     * @param keepUnit     which units (by file name) stay
     * @param dropInApplies which drop-ins (by repository path) stay applied to the units kept
     */
    public static DesiredState of(DesiredState full, Predicate<String> keepUnit, Predicate<String> dropInApplies) {
        Map<String, String> digests = new HashMap<>();
        full.files().values().forEach(f -> digests.put(f.source(), f.digest()));
        Map<String, RepoUnit> units = new TreeMap<>();
        Map<String, InstalledFile> files = new TreeMap<>();
        for (RepoUnit u : full.units().values()) {
            if (!keepUnit.test(u.fileName())) {
                continue;
            }
            RepoUnit kept = withoutDropIns(u, dropInApplies, digests);
            units.put(kept.fileName(), kept);
            for (InstalledFile f : InstallTargets.of(kept, digests)) {
                files.putIfAbsent(f.target(), f);
            }
        }
        return new DesiredState(units, files);
    }

    private static RepoUnit withoutDropIns(RepoUnit u, Predicate<String> dropInApplies, Map<String, String> digests) {
        List<String> kept = u.dropIns().stream().filter(dropInApplies).toList();
        if (kept.size() == u.dropIns().size()) {
            return u;
        }
        Set<String> dropped = new LinkedHashSet<>(u.dropIns());
        dropped.removeAll(kept);
        List<Section> sections = u.unit().sections().stream().filter(s -> !dropped.contains(s.file())).toList();
        return new RepoUnit(u.name(), u.path(), new dev.berth.unit.UnitFile(u.unit().path(), sections), kept,
                u.supportingFiles(), u.systemdName(), u.dependsOn(), digest(u, kept, dropped, digests), u.options());
    }

    /**
     * The same digest the reader would compute without the dropped drop-ins. Where a file's digest is not
     * known here (supporting files of plain units are not installed, so not listed), the full digest is
     * mixed with the dropped paths instead: that restarts the unit more often than needed, never less.
     */
    private static String digest(RepoUnit u, List<String> dropIns, Set<String> dropped, Map<String, String> digests) {
        List<String> order = new ArrayList<>();
        order.add(u.path());
        order.addAll(dropIns);
        order.addAll(u.supportingFiles());
        if (digests.keySet().containsAll(order)) {
            return InputDigest.of(order, digests);
        }
        var md = Sha256.newDigest();
        md.update(u.inputDigest().getBytes(StandardCharsets.US_ASCII));
        dropped.forEach(d -> md.update(("\0-" + d).getBytes(StandardCharsets.UTF_8)));
        return java.util.HexFormat.of().formatHex(md.digest());
    }
}

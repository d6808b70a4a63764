package dev.berth.console;

import dev.berth.git.GitException;
import dev.berth.git.GitSource;
import dev.berth.git.LastChange;
import dev.berth.git.LastChanges;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import dev.berth.state.BerthConfig;
import dev.berth.state.StateStore;
import dev.berth.unit.DropIns;
import dev.berth.unit.UnitName;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commit that last changed each managed unit: its unit file and its drop-ins, as found in the deployed commit's
 * tree. One walk of history answers every unit ({@link LastChanges}) and is kept until another commit is deployed, so
 * a page view costs a map lookup, whatever the number of units. Supporting files (environment files, kube YAML) are
 * not counted: the host's records do not name them, and reading the repository's units again to find them would cost
 * what a sync's read does.
 */
final class UnitChanges {
    private record Known(String commit, String subPath, Map<String, LastChange> byUnit) {
    }

    private final StateStore store;
    private Known known;

    UnitChanges(StateStore store) {
        this.store = store;
    }

    /** By unit file name; empty when nothing is deployed or the clone cannot be read (the page still renders). */
    synchronized Map<String, LastChange> byUnit() throws IOException {
        AppliedState applied = store.applied();
        BerthConfig config = store.config();
        if (applied.commit() == null) {
            return Map.of();
        }
        if (known == null || !known.commit().equals(applied.commit()) || !known.subPath().equals(subPath(config))) {
            Map<String, LastChange> byUnit;
            try (GitSource source = GitSource.open(store.cloneDir(), config.ref())) {
                byUnit = byUnit(LastChanges.of(source, applied.commit(), subPath(config)),
                        applied.units().values().stream().map(AppliedUnit::fileName).toList());
            } catch (GitException e) {
                return Map.of(); // a clone being re-made by a sync: the next view tries again
            }
            known = new Known(applied.commit(), subPath(config), byUnit);
        }
        return known.byUnit();
    }

    /**
     * Reads the deployed commit's changes now, on a thread of its own, so the next page view finds them ready. A
     * failure is left for that view to meet (it renders without the column).
     */
    void refreshInBackground() {
        Thread.ofVirtual().name("console-unit-changes").start(() -> {
            try {
                byUnit();
            } catch (IOException | RuntimeException e) {
                // the page view that needs them reads again and shows the page without them
            }
        });
    }

    private static String subPath(BerthConfig config) {
        return config.path() == null ? "" : config.path();
    }

    /**
     * Each unit's newest change among its files: a file of its name anywhere in the tree (quadlet flattens folders)
     * and the files of its drop-in folders ({@link DropIns}, the type-wide {@code container.d/} included).
     *
     * @param byFile the last change of each file of the tree, by path
     */
    static Map<String, LastChange> byUnit(Map<String, LastChange> byFile, List<String> unitFileNames) {
        Map<String, Set<String>> byName = new HashMap<>();
        Map<String, Set<String>> byDropInFolder = new HashMap<>();
        for (String unit : unitFileNames) {
            byName.computeIfAbsent(unit, k -> new HashSet<>()).add(unit);
            UnitName.parse(unit).ifPresent(n -> DropIns.directoriesFor(n)
                    .forEach(dir -> byDropInFolder.computeIfAbsent(dir, k -> new HashSet<>()).add(unit)));
        }
        Map<String, LastChange> out = new HashMap<>();
        for (Map.Entry<String, LastChange> f : byFile.entrySet()) {
            String path = f.getKey();
            int slash = path.lastIndexOf('/');
            String folder = slash < 0 ? "" : path.substring(path.lastIndexOf('/', slash - 1) + 1, slash);
            Set<String> units = new HashSet<>(byName.getOrDefault(path.substring(slash + 1), Set.of()));
            units.addAll(byDropInFolder.getOrDefault(folder, Set.of()));
            for (String unit : units) {
                out.merge(unit, f.getValue(), (a, b) -> a.commitTimeSeconds() >= b.commitTimeSeconds() ? a : b);
            }
        }
        return out;
    }
}

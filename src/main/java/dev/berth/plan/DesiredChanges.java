package dev.berth.plan;

import dev.berth.repo.DesiredState;
import dev.berth.repo.InstalledFile;
import dev.berth.repo.RepoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The units and files of a desired state that are not an earlier desired state's own objects, when that is all
 * that differs as far as the rest of a plan is concerned. The repository reader hands over what did not change
 * as the very same objects (an incremental read), so one walk of both sorted maps comparing references finds
 * the change without comparing content. {@link #between} is empty, a doubt, unless:
 * <ul>
 *   <li>both have the same unit file names and the same file targets (nothing added, removed or renamed);</li>
 *   <li>each changed file comes from the same source (who reads it is the same);</li>
 *   <li>each changed unit reads the same paths (its unit file, drop-ins and supporting files: who reads what),
 *       keeps its systemd name (renames stop units), its dependencies and whether it is Berth's own (the start
 *       order).</li>
 * </ul>
 *
 * @param units   file names of the changed units, sorted
 * @param targets targets of the changed files
 */
record DesiredChanges(List<String> units, Set<String> targets) {

    static Optional<DesiredChanges> between(DesiredState then, DesiredState now) {
        if (then.units().size() != now.units().size() || then.files().size() != now.files().size()) {
            return Optional.empty();
        }
        List<String> units = new ArrayList<>();
        Iterator<Map.Entry<String, RepoUnit>> before = then.units().entrySet().iterator();
        for (Map.Entry<String, RepoUnit> after : now.units().entrySet()) {
            Map.Entry<String, RepoUnit> was = before.next();
            if (!was.getKey().equals(after.getKey())) {
                return Optional.empty();
            }
            if (was.getValue() != after.getValue()) {
                if (!samePlace(was.getValue(), after.getValue())) {
                    return Optional.empty();
                }
                units.add(after.getKey());
            }
        }
        Set<String> targets = new HashSet<>();
        Iterator<InstalledFile> wasFiles = then.files().values().iterator();
        for (InstalledFile file : now.files().values()) {
            InstalledFile was = wasFiles.next();
            if (was != file) {
                if (!was.target().equals(file.target()) || !was.source().equals(file.source())) {
                    return Optional.empty();
                }
                targets.add(file.target());
            }
        }
        return Optional.of(new DesiredChanges(units, targets));
    }

    /** Whether a changed unit stands where it stood for everything but its own start or restart. */
    private static boolean samePlace(RepoUnit was, RepoUnit now) {
        return was.path().equals(now.path()) && was.dropIns().equals(now.dropIns())
                && was.supportingFiles().equals(now.supportingFiles()) && was.systemdName().equals(now.systemdName())
                && was.dependsOn().equals(now.dependsOn()) && was.options().self() == now.options().self();
    }
}

package dev.berth.repo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The units of one read and what each was made from, for {@link ChangedUnits}: with the same tree shape, a
 * unit none of whose inputs changed is the same unit, and the parts that look across units (the names every
 * reference resolves against, which units are triggered, who installs which file) stay as they were unless a
 * changed unit changes them.
 *
 * @param units           every unit that could be read, in path order
 * @param facts           for each of {@code units}, what it was made from
 * @param usersOf         repository path → positions in {@code units} of the units that read it (unit file,
 *                        possible drop-in, or supporting file)
 * @param unreadable      unit files found but not read (their read failed): a change to one changes the units
 * @param global          problems of the tree and of no single unit or file
 * @param index           the names references resolve against
 * @param triggeredByRepo file names of units a repository unit triggers
 * @param secretFiles     secret name → its {@code .age} file
 * @param desired         the desired state made from {@code units}
 * @param unitPaths       every unit file found, sorted
 */
record UnitsMemo(List<RepoUnit> units, List<UnitFacts> facts, Map<String, int[]> usersOf, Set<String> unreadable,
                 List<Problem> global, DependencyIndex index, Set<String> triggeredByRepo, Map<String, String> secretFiles,
                 DesiredState desired, List<String> unitPaths) {

    UnitsMemo {
        units = List.copyOf(units);
        facts = List.copyOf(facts);
        global = List.copyOf(global);
    }

    /** Who reads which path, from each unit's inputs. */
    static Map<String, int[]> usersOf(List<RepoUnit> units, List<UnitFacts> facts) {
        Map<String, List<Integer>> users = new HashMap<>();
        for (int i = 0; i < units.size(); i++) {
            Integer at = i;
            users.computeIfAbsent(units.get(i).path(), p -> new ArrayList<>(1)).add(at);
            facts.get(i).dropInCandidates().forEach(d -> users.computeIfAbsent(d, p -> new ArrayList<>(1)).add(at));
            facts.get(i).supportingFiles().forEach(s -> users.computeIfAbsent(s, p -> new ArrayList<>(1)).add(at));
        }
        Map<String, int[]> out = new HashMap<>(users.size() * 2);
        users.forEach((path, at) -> out.put(path, at.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }
}

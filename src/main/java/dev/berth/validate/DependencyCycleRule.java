package dev.berth.validate;

import dev.berth.repo.DependencyIndex;
import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.repo.UnitReference;
import dev.berth.repo.UnitReferences;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Units that depend on each other in a circle: no unit of the circle can be started first. Each circle is
 * reported once, at the reference that leaves its alphabetically first unit.
 */
public final class DependencyCycleRule implements ValidationRule {

    @Override
    public List<Problem> check(RepositoryScan scan) {
        Map<String, RepoUnit> units = scan.desired().units();
        Map<String, List<String>> graph = new TreeMap<>();
        units.forEach((name, u) -> graph.put(name, u.dependsOn().stream().filter(units::containsKey).sorted().toList()));

        List<Problem> out = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (String start : graph.keySet()) {
            if (reported.contains(start)) {
                continue;
            }
            List<String> cycle = cycleThrough(start, graph);
            if (!cycle.isEmpty()) {
                reported.addAll(cycle);
                RepoUnit first = units.get(start);
                int line = lineOfReference(first, cycle.get(1), scan);
                out.add(Problem.error(first.path(), line, "dependency cycle: " + String.join(" -> ", cycle)
                        + ": no unit in it can start first; remove one of these references"));
            }
        }
        return out;
    }

    /** The shortest path start -> ... -> start (breadth first), or empty when start is on no cycle. */
    static List<String> cycleThrough(String start, Map<String, List<String>> graph) {
        Map<String, String> cameFrom = new HashMap<>();
        List<String> frontier = new ArrayList<>(List.of(start));
        while (!frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String node : frontier) {
                for (String dep : graph.getOrDefault(node, List.of())) {
                    if (dep.equals(start)) {
                        List<String> path = new ArrayList<>(List.of(start));
                        for (String n = node; n != null && !n.equals(start); n = cameFrom.get(n)) {
                            path.add(1, n);
                        }
                        path.add(start);
                        return path;
                    }
                    if (!cameFrom.containsKey(dep)) {
                        cameFrom.put(dep, node);
                        next.add(dep);
                    }
                }
            }
            frontier = next;
        }
        return List.of();
    }

    private static int lineOfReference(RepoUnit from, String to, RepositoryScan scan) {
        DependencyIndex index = ScanIndex.of(scan);
        for (UnitReference ref : UnitReferences.of(from.name(), from.path(), from.unit())) {
            if (index.resolve(ref) instanceof DependencyIndex.Resolution.Found f && f.fileName().equals(to)) {
                return ref.entry().line();
            }
        }
        return 0;
    }
}

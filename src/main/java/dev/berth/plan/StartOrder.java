package dev.berth.plan;

import dev.berth.repo.DesiredState;
import dev.berth.repo.RepoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which the units of a desired state start: dependency order over all of them (so a unit that
 * waits on another through one that does not start still comes after it), ties by file name, and Berth's
 * own units last of all, by file name, so that Berth restarts itself only after everything else is up.
 * It depends on nothing but the units' names, dependencies and which are Berth's own, so the next commit's
 * plan reuses it while those stay the same.
 */
final class StartOrder {

    /** a unit that is not Berth's own → its position in file-name order among those */
    private final Map<String, Integer> position;
    /** position → rank in dependency order */
    private final int[] rankOfPosition;
    /** file names in start order: the others by rank, then Berth's own */
    private final List<String> ordered;

    private StartOrder(Map<String, Integer> position, int[] rankOfPosition, List<String> ordered) {
        this.position = position;
        this.rankOfPosition = rankOfPosition;
        this.ordered = ordered;
    }

    static StartOrder of(DesiredState desired) {
        // desired.units() iterates in file-name order: a unit's position is its tie-break.
        List<RepoUnit> others = new ArrayList<>(desired.units().size());
        Map<String, Integer> position = new HashMap<>(desired.units().size() * 2);
        List<String> self = new ArrayList<>(1);
        for (RepoUnit unit : desired.units().values()) {
            if (unit.options().self()) {
                self.add(unit.fileName());
            } else {
                position.put(unit.fileName(), others.size());
                others.add(unit);
            }
        }
        int[] order = DependencyOrder.sort(others.size(), i -> DependencyOrder.positionsOf(others.get(i).dependsOn(), position));
        int[] rank = new int[order.length];
        List<String> ordered = new ArrayList<>(order.length + self.size());
        for (int k = 0; k < order.length; k++) {
            rank[order[k]] = k;
            ordered.add(others.get(order[k]).fileName());
        }
        ordered.addAll(self);
        return new StartOrder(position, rank, List.copyOf(ordered));
    }

    /** The actions of {@code startsByUnit} (unit file name → its start or restart) in start order. */
    List<Action> sort(Map<String, Action> startsByUnit) {
        if (startsByUnit.isEmpty()) {
            return List.of();
        }
        List<Action> out = new ArrayList<>(startsByUnit.size());
        // many actions (a first deploy): one walk of the whole order; a few (a commit's change): sort those
        if (startsByUnit.size() * 16 > ordered.size()) {
            for (String unit : ordered) {
                Action action = startsByUnit.get(unit);
                if (action != null) {
                    out.add(action);
                }
            }
            return out;
        }
        out.addAll(startsByUnit.values());
        out.sort(java.util.Comparator.comparingInt(a -> rankOf(a.unit())));
        return out;
    }

    private int rankOf(String unitFileName) {
        Integer at = position.get(unitFileName);
        // Berth's own units are few and come last, in file-name order
        return at != null ? rankOfPosition[at]
                : rankOfPosition.length + ordered.subList(rankOfPosition.length, ordered.size()).indexOf(unitFileName);
    }
}

package dev.berth.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Orders nodes so that each comes after its prerequisites (Kahn's algorithm). Among the nodes that are
 * ready at the same time a priority queue picks by {@code tieBreak}, so the result is deterministic, and
 * the whole sort is O((V + E) log V): 10,000 units take a few milliseconds.
 */
final class DependencyOrder {

    private DependencyOrder() {
    }

    /**
     * @param nodes         what to order (duplicates are ignored)
     * @param prerequisites the nodes that must come before a node; ones not in {@code nodes} are ignored
     * @param tieBreak      order among nodes that are free to go in any order
     * @return every node once. Nodes caught in a cycle (validation rejects those, but a plan must never
     *         loop forever) come last, in {@code tieBreak} order.
     */
    static <T> List<T> sort(Collection<T> nodes, Function<T, ? extends Collection<T>> prerequisites,
                            Comparator<? super T> tieBreak) {
        Map<T, Integer> waitingOn = new HashMap<>(nodes.size() * 2);
        for (T node : nodes) {
            waitingOn.put(node, 0);
        }
        Map<T, List<T>> unblocks = new HashMap<>();
        for (T node : waitingOn.keySet()) {
            Collection<T> befores = prerequisites.apply(node);
            // Count a prerequisite listed twice once, or the node would wait forever for a second release.
            if (befores.size() > 1) {
                befores = new HashSet<>(befores);
            }
            for (T before : befores) {
                if (!before.equals(node) && waitingOn.containsKey(before)) {
                    unblocks.computeIfAbsent(before, k -> new ArrayList<>(2)).add(node);
                    waitingOn.merge(node, 1, Integer::sum);
                }
            }
        }

        PriorityQueue<T> ready = new PriorityQueue<>(Math.max(1, waitingOn.size()), tieBreak);
        waitingOn.forEach((node, count) -> {
            if (count == 0) {
                ready.add(node);
            }
        });
        List<T> ordered = new ArrayList<>(waitingOn.size());
        while (!ready.isEmpty()) {
            T node = ready.poll();
            ordered.add(node);
            for (T next : unblocks.getOrDefault(node, List.of())) {
                if (waitingOn.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }

        if (ordered.size() < waitingOn.size()) {
            List<T> inCycles = new ArrayList<>();
            waitingOn.forEach((node, count) -> {
                if (count > 0) {
                    inCycles.add(node);
                }
            });
            inCycles.sort(tieBreak);
            ordered.addAll(inCycles);
        }
        return ordered;
    }
}

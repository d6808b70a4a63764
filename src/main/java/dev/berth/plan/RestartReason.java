package dev.berth.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts into words why a unit restarts: which of the files it reads changed since the last apply (the
 * fix for Orches, where editing an env file restarted nothing and nobody could tell why a unit did).
 */
final class RestartReason {

    static final String REPAIRED_DRIFT = "repaired drift";
    static final String INPUTS_CHANGED = "inputs changed";
    private static final int MAX_NAMED = 3;

    private RestartReason() {
    }

    /**
     * @param inputs       the files the unit reads, as desired
     * @param appliedFiles target → digest Berth last wrote
     * @param drifted      targets being rewritten because they drifted on the host
     * @param digestChanged whether the unit's input digest differs from the applied one
     * @return null when nothing calls for a restart
     */
    static String of(List<UnitInputs.Input> inputs, Map<String, String> appliedFiles, Set<String> drifted,
                     boolean digestChanged) {
        if (digestChanged) {
            List<String> changes = new ArrayList<>();
            for (UnitInputs.Input input : inputs) {
                String recorded = appliedFiles.get(input.file().target());
                if (recorded == null) {
                    changes.add(describe(input, "added"));
                } else if (!recorded.equals(input.file().digest())) {
                    changes.add(describe(input, "changed"));
                }
            }
            // The digest also covers inputs that are not installed or that were removed; name what we can.
            return changes.isEmpty() ? INPUTS_CHANGED : join(changes);
        }
        List<String> repaired = new ArrayList<>();
        for (UnitInputs.Input input : inputs) {
            if (drifted.contains(input.file().target())) {
                repaired.add(input.file().target());
            }
        }
        return repaired.isEmpty() ? null : REPAIRED_DRIFT + " of " + join(repaired);
    }

    private static String describe(UnitInputs.Input input, String how) {
        return input.role() == UnitInputs.Role.UNIT_FILE
                ? input.role().words + " " + how
                : input.role().words + " " + input.file().source() + " " + how;
    }

    private static String join(List<String> items) {
        if (items.size() <= MAX_NAMED) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, MAX_NAMED)) + " and " + (items.size() - MAX_NAMED) + " more";
    }
}

package dev.berth.plan;

import dev.berth.repo.DesiredState;
import dev.berth.repo.InstalledFile;
import dev.berth.state.AppliedState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file half of a plan: which files to remove and write, and which of the writes repair drift (the
 * host copy no longer matches what Berth wrote although the repository did not change it).
 *
 * @param removals REMOVE_FILE actions, by target
 * @param writes   WRITE_FILE actions, by target
 * @param drifted  targets rewritten only because they drifted on the host
 */
record FileChanges(List<Action> removals, List<Action> writes, Set<String> drifted) {

    static final String NEW_FILE = "new file";
    static final String CHANGED = "changed";
    static final String DRIFT_CHANGED = "drift: changed on the host";
    static final String DRIFT_DELETED = "drift: deleted on the host";
    static final String NO_LONGER_IN_REPOSITORY = "no longer in the repository";

    boolean isEmpty() {
        return removals.isEmpty() && writes.isEmpty();
    }

    static FileChanges between(DesiredState desired, AppliedState applied, Map<String, String> observed,
                               UnitInputs inputs) {
        List<Action> writes = new ArrayList<>();
        Set<String> drifted = new HashSet<>();
        // desired.files() is sorted by target, so the writes come out sorted.
        for (InstalledFile file : desired.files().values()) {
            String recorded = applied.files().get(file.target());
            String reason;
            if (recorded == null) {
                reason = NEW_FILE;
            } else if (!recorded.equals(file.digest())) {
                reason = CHANGED;
            } else {
                String onDisk = observed.get(file.target());
                if (recorded.equals(onDisk)) {
                    continue;
                }
                reason = onDisk == null ? DRIFT_DELETED : DRIFT_CHANGED;
                drifted.add(file.target());
            }
            writes.add(new Action(ActionType.WRITE_FILE, file.target(), inputs.readerOf(file.target()), reason));
        }

        // Only files in the applied state are Berth's, so only those are ever removed.
        List<Action> removals = new ArrayList<>();
        for (String target : applied.files().keySet()) {
            if (!desired.files().containsKey(target)) {
                removals.add(new Action(ActionType.REMOVE_FILE, target, unitNamedBy(target, applied),
                        NO_LONGER_IN_REPOSITORY));
            }
        }
        return new FileChanges(removals, writes, drifted);
    }

    /** A removed unit file is attributed to its unit; other removed files (env files, drop-ins) to none. */
    private static String unitNamedBy(String target, AppliedState applied) {
        String fileName = target.substring(target.lastIndexOf('/') + 1);
        return applied.units().containsKey(fileName) ? fileName : null;
    }
}

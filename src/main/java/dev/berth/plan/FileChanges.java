package dev.berth.plan;

import dev.berth.repo.DesiredState;
import dev.berth.repo.InstalledFile;
import dev.berth.state.AppliedState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
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

    FileChanges {
        removals = List.copyOf(removals);
        writes = List.copyOf(writes);
        drifted = Set.copyOf(drifted);
    }

    boolean isEmpty() {
        return removals.isEmpty() && writes.isEmpty();
    }

    static FileChanges between(DesiredState desired, AppliedState applied, Map<String, String> observed,
                               UnitInputs inputs) {
        List<Action> writes = new ArrayList<>();
        List<Action> removals = new ArrayList<>();
        Set<String> drifted = new HashSet<>();
        // Both maps are sorted by target: one merge pass finds writes and removals in linear time, and
        // each list comes out sorted by target.
        Iterator<InstalledFile> wanted = desired.files().values().iterator();
        Iterator<Map.Entry<String, String>> recorded = applied.files().entrySet().iterator();
        InstalledFile file = next(wanted);
        Map.Entry<String, String> record = next(recorded);
        while (file != null || record != null) {
            int order = file == null ? 1 : record == null ? -1 : file.target().compareTo(record.getKey());
            if (order > 0) {
                // Only files in the applied state are Berth's, so only those are ever removed.
                removals.add(new Action(ActionType.REMOVE_FILE, record.getKey(), unitNamedBy(record.getKey(), applied),
                        FileReason.NO_LONGER_IN_REPOSITORY));
                record = next(recorded);
                continue;
            }
            FileReason reason = order < 0 ? FileReason.NEW_FILE : reasonToWrite(file, record.getValue(), observed, drifted);
            if (reason != null) {
                writes.add(new Action(ActionType.WRITE_FILE, file.target(), inputs.readerOf(file.target()), reason));
            }
            file = next(wanted);
            if (order == 0) {
                record = next(recorded);
            }
        }
        return new FileChanges(removals, writes, drifted);
    }

    /**
     * These changes after the files at {@code targets} changed in {@code desired}, the host state being the
     * same: the other files' writes and every removal stay, the changed targets are decided again. Empty when
     * one of them has drifted on the host (the units reading a drifted file restart too: the caller plans
     * everything then). Right only when {@code desired} has the targets these changes were made for.
     */
    java.util.Optional<FileChanges> withChanged(Set<String> targets, DesiredState desired, AppliedState applied,
                                                Map<String, String> observed, UnitInputs inputs) {
        if (targets.isEmpty()) {
            return java.util.Optional.of(this);
        }
        List<Action> out = new ArrayList<>(writes.size() + targets.size());
        for (Action write : writes) {
            if (!targets.contains(write.subject())) {
                out.add(write);
            }
        }
        Set<String> nowDrifted = new HashSet<>();
        for (String target : targets) {
            InstalledFile file = desired.files().get(target);
            String recorded = applied.files().get(target);
            FileReason reason = recorded == null ? FileReason.NEW_FILE : reasonToWrite(file, recorded, observed, nowDrifted);
            if (!nowDrifted.isEmpty()) {
                return java.util.Optional.empty();
            }
            if (reason != null) {
                out.add(new Action(ActionType.WRITE_FILE, target, inputs.readerOf(target), reason));
            }
        }
        out.sort(java.util.Comparator.comparing(Action::subject)); // by target, as the full merge makes them
        return java.util.Optional.of(new FileChanges(removals, out, drifted));
    }

    /** Why a file Berth wrote before must be written again, or null when the host still has it right. */
    private static FileReason reasonToWrite(InstalledFile file, String recorded, Map<String, String> observed,
                                        Set<String> drifted) {
        if (!recorded.equals(file.digest())) {
            return FileReason.CHANGED;
        }
        String onDisk = observed.get(file.target());
        if (recorded.equals(onDisk)) {
            return null;
        }
        drifted.add(file.target());
        return onDisk == null ? FileReason.DELETED_ON_HOST : FileReason.CHANGED_ON_HOST;
    }

    private static <T> T next(Iterator<T> it) {
        return it.hasNext() ? it.next() : null;
    }

    /** A removed unit file is attributed to its unit; other removed files (env files, drop-ins) to none. */
    private static String unitNamedBy(String target, AppliedState applied) {
        String fileName = target.substring(target.lastIndexOf('/') + 1);
        return applied.units().containsKey(fileName) ? fileName : null;
    }
}

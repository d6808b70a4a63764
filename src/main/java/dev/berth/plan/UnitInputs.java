package dev.berth.plan;

import dev.berth.repo.DesiredState;
import dev.berth.repo.InstalledFile;
import dev.berth.repo.RepoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which installed files each desired unit reads: its unit file, its drop-ins and its supporting files.
 * The planner uses it to say what changed when a unit restarts and to trace a drifted file to the units
 * that must restart after the repair. Files are matched by their repository source path; a supporting
 * path that names a folder (a build context) matches every installed file under it.
 *
 * <p>Who reads what is kept by target and resolved to the files of a desired state when asked, so that the
 * next commit's plan can reuse it ({@link #over}) as long as every unit reads the same paths and every
 * target comes from the same source: then the matching above gives the same answer.
 */
final class UnitInputs {

    /** What a file is to the unit that reads it, in the words a restart reason uses. */
    enum Role {
        UNIT_FILE("unit file"),
        DROP_IN("drop-in"),
        SUPPORTING_FILE("supporting file");

        final String words;

        Role(String words) {
            this.words = words;
        }
    }

    record Input(Role role, InstalledFile file) {
    }

    /** An input by its target alone: what stays when only the content of files changes. */
    private record Slot(Role role, String target) {
    }

    private final Map<String, List<Slot>> byUnit;
    private final Map<String, String> firstReaderOfTarget;
    /** the desired state's files, target → file, that slots resolve to */
    private final Map<String, InstalledFile> files;

    private UnitInputs(Map<String, List<Slot>> byUnit, Map<String, String> firstReaderOfTarget,
                       Map<String, InstalledFile> files) {
        this.byUnit = byUnit;
        this.firstReaderOfTarget = firstReaderOfTarget;
        this.files = files;
    }

    static UnitInputs of(DesiredState desired) {
        Map<String, List<InstalledFile>> bySource = new HashMap<>(desired.files().size() * 2);
        for (InstalledFile file : desired.files().values()) {
            bySource.computeIfAbsent(file.source(), k -> new ArrayList<>(1)).add(file);
        }
        // Sorted view for folder lookups, built only if a unit names a folder the reader did not expand.
        NavigableMap<String, List<InstalledFile>> sorted = null;
        Map<String, List<Slot>> byUnit = new HashMap<>(desired.units().size() * 2);
        Map<String, String> firstReader = new HashMap<>(desired.files().size() * 2);
        // desired.units() iterates in file-name order, so the first reader of a shared file is stable.
        for (RepoUnit unit : desired.units().values()) {
            List<Slot> inputs = new ArrayList<>();
            addExact(inputs, Role.UNIT_FILE, bySource, unit.path());
            for (String dropIn : unit.dropIns()) {
                addExact(inputs, Role.DROP_IN, bySource, dropIn);
            }
            for (String supporting : unit.supportingFiles()) {
                if (!addExact(inputs, Role.SUPPORTING_FILE, bySource, supporting)) {
                    if (sorted == null) {
                        sorted = new TreeMap<>(bySource);
                    }
                    addFolder(inputs, sorted, supporting);
                }
            }
            for (Slot input : inputs) {
                firstReader.putIfAbsent(input.target(), unit.fileName());
            }
            byUnit.put(unit.fileName(), inputs);
        }
        return new UnitInputs(byUnit, firstReader, desired.files());
    }

    /**
     * The same who-reads-what, resolved to {@code files} (a later desired state's): right only when that state
     * has the same targets, each from the same source, and each unit reads the same paths as before.
     */
    UnitInputs over(Map<String, InstalledFile> files) {
        return new UnitInputs(byUnit, firstReaderOfTarget, files);
    }

    private static boolean addExact(List<Slot> inputs, Role role, Map<String, List<InstalledFile>> bySource,
                                    String source) {
        List<InstalledFile> files = bySource.get(source);
        if (files == null) {
            return false;
        }
        for (InstalledFile file : files) {
            inputs.add(new Slot(role, file.target()));
        }
        return true;
    }

    private static void addFolder(List<Slot> inputs, NavigableMap<String, List<InstalledFile>> bySource,
                                  String folder) {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        // '0' is the character after '/', so this range is exactly the paths that start with the prefix.
        String end = prefix.substring(0, prefix.length() - 1) + '0';
        for (List<InstalledFile> files : bySource.subMap(prefix, true, end, false).values()) {
            for (InstalledFile file : files) {
                inputs.add(new Slot(Role.SUPPORTING_FILE, file.target()));
            }
        }
    }

    /** The installed files a unit reads: unit file first, then drop-ins, then supporting files. */
    List<Input> of(String unitFileName) {
        List<Slot> slots = byUnit.getOrDefault(unitFileName, List.of());
        List<Input> inputs = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            inputs.add(new Input(slot.role(), files.get(slot.target())));
        }
        return inputs;
    }

    /** Whether the unit reads any of {@code targets}. */
    boolean readsAny(String unitFileName, Set<String> targets) {
        for (Slot slot : byUnit.getOrDefault(unitFileName, List.of())) {
            if (targets.contains(slot.target())) {
                return true;
            }
        }
        return false;
    }

    /** The unit (file name) an installed file is attributed to in actions: the first by name that reads it. */
    String readerOf(String target) {
        return firstReaderOfTarget.get(target);
    }
}

package dev.berth.plan;

import dev.berth.repo.DesiredState;
import dev.berth.repo.InstalledFile;
import dev.berth.repo.RepoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Which installed files each desired unit reads: its unit file, its drop-ins and its supporting files.
 * The planner uses it to say what changed when a unit restarts and to trace a drifted file to the units
 * that must restart after the repair. Files are matched by their repository source path; a supporting
 * path that names a folder (a build context) matches every installed file under it.
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

    private final Map<String, List<Input>> byUnit;
    private final Map<String, String> firstReaderOfTarget;

    private UnitInputs(Map<String, List<Input>> byUnit, Map<String, String> firstReaderOfTarget) {
        this.byUnit = byUnit;
        this.firstReaderOfTarget = firstReaderOfTarget;
    }

    static UnitInputs of(DesiredState desired) {
        Map<String, List<InstalledFile>> bySource = new HashMap<>(desired.files().size() * 2);
        for (InstalledFile file : desired.files().values()) {
            bySource.computeIfAbsent(file.source(), k -> new ArrayList<>(1)).add(file);
        }
        // Sorted view for folder lookups, built only if a unit names a folder the reader did not expand.
        NavigableMap<String, List<InstalledFile>> sorted = null;
        Map<String, List<Input>> byUnit = new HashMap<>(desired.units().size() * 2);
        Map<String, String> firstReader = new HashMap<>(desired.files().size() * 2);
        // desired.units() iterates in file-name order, so the first reader of a shared file is stable.
        for (RepoUnit unit : desired.units().values()) {
            List<Input> inputs = new ArrayList<>();
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
            for (Input input : inputs) {
                firstReader.putIfAbsent(input.file().target(), unit.fileName());
            }
            byUnit.put(unit.fileName(), inputs);
        }
        return new UnitInputs(byUnit, firstReader);
    }

    private static boolean addExact(List<Input> inputs, Role role, Map<String, List<InstalledFile>> bySource,
                                    String source) {
        List<InstalledFile> files = bySource.get(source);
        if (files == null) {
            return false;
        }
        for (InstalledFile file : files) {
            inputs.add(new Input(role, file));
        }
        return true;
    }

    private static void addFolder(List<Input> inputs, NavigableMap<String, List<InstalledFile>> bySource,
                                  String folder) {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        // '0' is the character after '/', so this range is exactly the paths that start with the prefix.
        String end = prefix.substring(0, prefix.length() - 1) + '0';
        for (List<InstalledFile> files : bySource.subMap(prefix, true, end, false).values()) {
            for (InstalledFile file : files) {
                inputs.add(new Input(Role.SUPPORTING_FILE, file));
            }
        }
    }

    /** The installed files a unit reads: unit file first, then drop-ins, then supporting files. */
    List<Input> of(String unitFileName) {
        return byUnit.getOrDefault(unitFileName, List.of());
    }

    /** The unit (file name) an installed file is attributed to in actions: the first by name that reads it. */
    String readerOf(String target) {
        return firstReaderOfTarget.get(target);
    }
}

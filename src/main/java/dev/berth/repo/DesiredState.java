package dev.berth.repo;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the repository says the host should run: its units (keyed by file name) and every file to
 * install (keyed by {@link InstalledFile#target()}). Built from a checkout by the repository reader.
 */
public record DesiredState(Map<String, RepoUnit> units, Map<String, InstalledFile> files) {

    public DesiredState {
        // sorted views, so that a copy of one (an incremental read starts from the last) is a linear copy
        units = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(units));
        files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    public static DesiredState empty() {
        return new DesiredState(Map.of(), Map.of());
    }
}

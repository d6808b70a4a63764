package dev.berth.unit;

import java.util.List;

/** One {@code [Name]} block of a unit file and its assignments, in file order. */
public record Section(String name, String file, int line, List<Entry> entries) {

    public Section {
        entries = List.copyOf(entries);
    }
}

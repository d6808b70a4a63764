package dev.berth.unit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed unit file, or a unit file with its drop-ins merged in: the sections in the order they were
 * read. Lookups follow systemd's rules: a key may repeat, and an empty assignment resets the list.
 *
 * @param path repository-relative path of the main file
 */
public record UnitFile(String path, List<Section> sections) {

    public UnitFile {
        sections = List.copyOf(sections);
    }

    /** Every assignment in sections called {@code section}, in order, resets included. */
    public List<Entry> entries(String section) {
        List<Entry> out = new ArrayList<>();
        for (Section s : sections) {
            if (s.name().equals(section)) {
                out.addAll(s.entries());
            }
        }
        return out;
    }

    /** The values of a list-valued key as systemd sees them: an empty assignment drops what came before. */
    public List<String> values(String section, String key) {
        List<String> out = new ArrayList<>();
        effectiveEntries(section, key).forEach(e -> out.add(e.value()));
        return out;
    }

    /** The assignments of a list-valued key after the last empty assignment (which resets the list), with their lines. */
    public List<Entry> effectiveEntries(String section, String key) {
        List<Entry> out = new ArrayList<>();
        // the sections themselves, not entries(section): that copies the whole section, and the validation
        // rules ask a dozen keys of every one of 10,000 units on each sync
        for (Section s : sections) {
            if (!s.name().equals(section)) {
                continue;
            }
            for (Entry e : s.entries()) {
                if (e.key().equals(key)) {
                    if (e.isReset()) {
                        out.clear();
                    } else {
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }

    /** The value of a single-valued key: the last assignment wins; empty when unset or reset. */
    public Optional<String> value(String section, String key) {
        List<String> all = values(section, key);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The last assignment of a key (to point an error at its line). */
    public Optional<Entry> lastEntry(String section, String key) {
        Entry last = null;
        for (Section s : sections) { // no copy of the section, as in values()
            if (!s.name().equals(section)) {
                continue;
            }
            for (Entry e : s.entries()) {
                if (e.key().equals(key)) {
                    last = e;
                }
            }
        }
        return Optional.ofNullable(last);
    }

    public boolean hasSection(String section) {
        return sections.stream().anyMatch(s -> s.name().equals(section));
    }

    /** This file with drop-ins applied after it, in the order given (callers sort them by file name). */
    public UnitFile withDropIns(List<UnitFile> dropIns) {
        List<Section> merged = new ArrayList<>(sections);
        for (UnitFile d : dropIns) {
            merged.addAll(d.sections());
        }
        return new UnitFile(path, merged);
    }
}

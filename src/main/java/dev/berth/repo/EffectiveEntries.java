package dev.berth.repo;

import dev.berth.unit.Entry;
import dev.berth.unit.Section;
import dev.berth.unit.UnitFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The assignments of a key that systemd would act on, with their lines: what {@link UnitFile#values}
 * returns, but keeping each {@link Entry} so problems can point at the line that caused them.
 */
public final class EffectiveEntries {

    private EffectiveEntries() {
    }

    /** Assignments of a list-valued key after the last empty assignment (which resets the list). */
    public static List<Entry> list(UnitFile unit, String section, String key) {
        List<Entry> out = new ArrayList<>();
        // the sections themselves, not UnitFile.entries(section): that copies every entry of the section,
        // and this runs for a dozen keys of every unit
        for (Section s : unit.sections()) {
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

    /** The assignment of a single-valued key that wins (the last one), empty when unset or reset. */
    public static Optional<Entry> single(UnitFile unit, String section, String key) {
        List<Entry> all = list(unit, section, key);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}

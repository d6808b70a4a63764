package dev.berth.repo;

import dev.berth.unit.Entry;
import dev.berth.unit.UnitFile;
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
        return unit.effectiveEntries(section, key);
    }

    /** The assignment of a single-valued key that wins (the last one), empty when unset or reset. */
    public static Optional<Entry> single(UnitFile unit, String section, String key) {
        List<Entry> all = list(unit, section, key);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}

package dev.berth.repo;

import dev.berth.unit.Entry;

/**
 * A unit named by another unit.
 *
 * @param target the name as written: a unit file name ({@code db.volume}) or a systemd name ({@code db.service})
 * @param entry  the assignment that names it (line 0 for implied references, e.g. a timer's own service)
 * @param kind   how it was named, which decides what a missing target means
 */
public record UnitReference(String target, Entry entry, Kind kind) {

    public enum Kind {
        /** a quadlet key naming a quadlet file ({@code Network=x.network}): must exist in the repository */
        QUADLET_FILE,
        /** a {@code [Unit]} dependency ({@code Requires=db.service}): may name a unit of the host */
        UNIT_DEPENDENCY,
        /** what a timer, socket or path unit starts ({@code [Timer] Unit=}, or implied by its name) */
        TRIGGERS
    }
}

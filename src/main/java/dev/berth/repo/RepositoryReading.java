package dev.berth.repo;

/**
 * A read of a checkout, with what it learned for the next one.
 *
 * @param scan what the read found: the same, whichever {@code kind} it was
 * @param memo what the next read of the same checkout may reuse; null when the checkout could not be listed
 * @param kind whether everything was read, or only the changed paths
 */
public record RepositoryReading(RepositoryScan scan, ReadMemo memo, Kind kind) {

    public enum Kind {
        /** every file listed, read and hashed */
        FULL,
        /** only the paths git says changed; the rest taken from the earlier read */
        CHANGED_ONLY,
        /** only the paths git says changed, all of them files that were there before, and only the units that
         *  read them built again; every other unit is the earlier read's */
        CHANGED_UNITS
    }
}

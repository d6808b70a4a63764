package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import java.util.List;

/**
 * A rule whose every problem is about one unit and found by looking at that unit (and, when
 * {@link #readsOtherUnits()}, at the names of the others): the problems of a scan are the sum of each unit's,
 * so after a commit the problems of the units that did not change need not be looked for again
 * ({@link CheckedRules}).
 */
interface UnitRule extends ValidationRule {

    /** The problems of {@code units}, units of the scan of {@code scan}. */
    List<Problem> check(ScanContext scan, List<RepoUnit> units);

    /**
     * True when a unit's problems also depend on the other units' file names, systemd names or container
     * names (a reference resolved, a network joined): then they stay the same only while those do.
     */
    default boolean readsOtherUnits() {
        return false;
    }

    @Override
    default List<Problem> check(RepositoryScan scan) {
        return check(new ScanContext(scan), scan.units());
    }
}

package dev.berth.state;

import java.util.List;

/**
 * The outcome of the latest sync, shown by {@code berth status}.
 *
 * @param finishedAt   epoch milliseconds
 * @param result       ok or failed
 * @param commit       the commit the sync tried to deploy (may be null if fetching failed)
 * @param error        what went wrong, or null
 * @param failedUnits  units that did not come up
 * @param driftRepaired targets that were changed or deleted on the host and were written back
 */
public record SyncReport(long finishedAt, SyncResult result, String commit, String error,
                         List<UnitFailure> failedUnits, List<String> driftRepaired) {

    public SyncReport {
        failedUnits = failedUnits == null ? List.of() : List.copyOf(failedUnits);
        driftRepaired = driftRepaired == null ? List.of() : List.copyOf(driftRepaired);
    }
}

package dev.berth.status;

import dev.berth.git.CommitInfo;
import dev.berth.state.SyncReport;
import java.util.List;

/**
 * Everything {@code berth status} says.
 *
 * @param pending the commit the followed ref points at (as of the last fetch) when it is not deployed yet
 * @param pinned  the commit a rollback pinned the host to, or null
 */
public record StatusReport(String remote, String ref, String path, CommitInfo deployed, CommitInfo pending,
                           String pinned, SyncReport lastSync, List<UnitState> units, List<Drift> drift,
                           boolean rootless) {

    public StatusReport {
        units = List.copyOf(units);
        drift = List.copyOf(drift);
    }
}

package dev.berth.apply;

import dev.berth.plan.Plan;
import dev.berth.repo.DesiredState;
import java.nio.file.Path;
import dev.berth.state.SyncReport;
import dev.berth.state.SyncResult;

/**
 * What a sync (or a dry run) did.
 *
 * @param plan    the plan that was (or, for a dry run, would be) carried out; null when none was made
 * @param report  what {@code status} shows from now on (for a dry run: not saved)
 * @param changed true when anything on the host changed
 * @param desired  what the commit declares (null when it could not be read)
 * @param checkout where the commit was exported (the source of the files in {@code desired})
 * @param ending   the previous commit, a refusal, a rollback: what notifications tell
 */
public record SyncOutcome(Plan plan, SyncReport report, boolean changed, String commit, boolean pinned,
                          DesiredState desired, Path checkout, Ending ending) {

    public SyncOutcome(Plan plan, SyncReport report, boolean changed, String commit, boolean pinned,
                       DesiredState desired, Path checkout) {
        this(plan, report, changed, commit, pinned, desired, checkout, Ending.UNKNOWN);
    }

    public SyncOutcome withEnding(Ending ending) {
        return new SyncOutcome(plan, report, changed, commit, pinned, desired, checkout, ending);
    }

    public boolean ok() {
        return report.result() == SyncResult.OK;
    }
}

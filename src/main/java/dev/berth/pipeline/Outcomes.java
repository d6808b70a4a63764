package dev.berth.pipeline;

import dev.berth.state.SyncResult;
import dev.berth.apply.DeployException;
import dev.berth.apply.SyncOutcome;
import dev.berth.git.CommitInfo;
import dev.berth.git.RemoteUrls;
import dev.berth.state.Deployment;
import dev.berth.state.SyncReport;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** How a run ends and what it records: the sync report that status shows, and the history. */
final class Outcomes {
    private Outcomes() {
    }

    /**
     * The run cannot go on. A sync records why and ends; the automatic rollback has nothing of its own to
     * record and throws, so the sync that rolls back says what became of it.
     */
    static Flow failed(Run run, Parts parts, CommitInfo target, String error) throws DeployException {
        if (!run.followed()) {
            throw new DeployException(error);
        }
        error = RemoteUrls.redact(error); // whatever produced the message, status and logs never show credentials
        SyncReport report = new SyncReport(parts.clock().millis(), SyncResult.FAILED, target == null ? null : target.id(),
                error, List.of(), List.of());
        if (!run.dryRun()) {
            saveReport(parts, report);
            if (target != null) {
                history(parts, new Deployment(target.id(), target.subject(), parts.clock().millis(), SyncResult.FAILED, run.reason()));
            }
        }
        parts.progress().step("sync failed: " + error);
        return Flow.end(new SyncOutcome(null, report, false, target == null ? null : target.id(), false, null, null));
    }

    /** A sync that converged the host to the last good commit because the newest one was refused is still a failure. */
    static SyncReport refused(SyncReport report, Optional<String> refusal) {
        if (refusal.isEmpty()) {
            return report;
        }
        return new SyncReport(report.finishedAt(), SyncResult.FAILED, report.commit(),
                refusal.get() + "; the host stays on " + (report.commit() == null ? "nothing" : report.commit().substring(0, 12))
                        + (report.error() == null ? "" : " (" + report.error() + ")"),
                report.failedUnits(), report.driftRepaired());
    }

    static void saveReport(Parts parts, SyncReport report) throws DeployException {
        try {
            parts.store().saveLastSync(report);
        } catch (IOException e) {
            throw new DeployException("cannot save the sync report: " + e.getMessage(), e);
        }
    }

    static void history(Parts parts, Deployment d) throws DeployException {
        try {
            parts.store().appendHistory(d);
        } catch (IOException e) {
            throw new DeployException("cannot save history: " + e.getMessage(), e);
        }
    }
}

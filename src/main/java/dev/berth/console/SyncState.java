package dev.berth.console;

import dev.berth.state.SyncResult;
import dev.berth.status.StatusReport;

/** Where the host stands against its repository, in the words people know from Argo CD. */
enum SyncState {
    /** the newest commit of the followed ref is deployed and no file drifted */
    SYNCED,
    /** a commit waits, or a file Berth wrote was changed on the host */
    OUT_OF_SYNC,
    /** a sync runs now */
    PROGRESSING,
    /** the last sync failed */
    FAILED,
    /** a rollback pinned the host to an earlier commit */
    PINNED;

    static SyncState of(StatusReport report, boolean syncing) {
        if (syncing) {
            return PROGRESSING;
        }
        if (report.pinned() != null) {
            return PINNED;
        }
        if (report.lastSync() != null && report.lastSync().result() == SyncResult.FAILED) {
            return FAILED;
        }
        if (report.pending() != null || !report.drift().isEmpty()) {
            return OUT_OF_SYNC;
        }
        return SYNCED;
    }

    /** As shown: Synced, OutOfSync, ... */
    String label() {
        return switch (this) {
            case SYNCED -> "Synced";
            case OUT_OF_SYNC -> "OutOfSync";
            case PROGRESSING -> "Progressing";
            case FAILED -> "Failed";
            case PINNED -> "Pinned";
        };
    }
}

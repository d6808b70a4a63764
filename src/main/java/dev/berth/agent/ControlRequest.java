package dev.berth.agent;

import dev.berth.state.DeploymentReason;
import dev.berth.pipeline.SyncOptions;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.List;

/**
 * One request on the control socket, a single JSON line.
 *
 * @param command    sync, status, query or ping
 * @param dryRun     for sync: plan only
 * @param resume     for sync: lift a rollback pin
 * @param noRollback for sync: keep a commit whose units do not come up instead of rolling back (this sync only).
 *                   Absent (an older client) means false; sent only when true, so an older daemon, which does not
 *                   know the field, refuses such a request instead of rolling back against the asker's wish.
 * @param args       for query: the command line of a read-only command ({@code status --json}, {@code history -n 5},
 *                   {@code plan}) that the daemon runs as the CLI would and answers with what it printed
 * @param stateDir   for query: the asker's state folder; the daemon answers only for its own
 */
public record ControlRequest(String command, boolean dryRun, boolean resume,
                             @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean noRollback,
                             @JsonInclude(JsonInclude.Include.NON_NULL) List<String> args,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String stateDir) {

    public ControlRequest(String command, boolean dryRun, boolean resume) {
        this(command, dryRun, resume, false);
    }

    public ControlRequest(String command, boolean dryRun, boolean resume, boolean noRollback) {
        this(command, dryRun, resume, noRollback, null, null);
    }

    /** Asks the daemon to run a read-only command for the asker, whose state folder is {@code stateDir}. */
    public static ControlRequest query(List<String> args, Path stateDir) {
        return new ControlRequest("query", false, false, false, List.copyOf(args), stateDir.toAbsolutePath().normalize().toString());
    }

    public static ControlRequest sync(boolean dryRun, boolean resume) {
        return sync(dryRun, resume, false);
    }

    public static ControlRequest sync(boolean dryRun, boolean resume, boolean noRollback) {
        return new ControlRequest("sync", dryRun, resume, noRollback);
    }

    /** A sync request carrying these options (the wire format keeps its three flags). */
    public static ControlRequest sync(SyncOptions options) {
        return new ControlRequest("sync", options.dryRun(), options.resume(),
                options.onFailure() == SyncOptions.OnFailure.KEEP_FAILED);
    }

    /** What a sync request asks for, as the pipeline's options. */
    public SyncOptions options(DeploymentReason reason) {
        return new SyncOptions(dryRun ? SyncOptions.Mode.DRY_RUN : SyncOptions.Mode.APPLY,
                resume ? SyncOptions.Pin.LIFT : SyncOptions.Pin.KEEP,
                noRollback ? SyncOptions.OnFailure.KEEP_FAILED : SyncOptions.OnFailure.ROLL_BACK, reason);
    }
}

package dev.berth.agent;

/**
 * One request on the control socket, a single JSON line.
 *
 * @param command sync, status or ping
 * @param dryRun  for sync: plan only
 * @param resume  for sync: lift a rollback pin
 */
public record ControlRequest(String command, boolean dryRun, boolean resume) {

    public static ControlRequest sync(boolean dryRun, boolean resume) {
        return new ControlRequest("sync", dryRun, resume);
    }
}

package dev.berth.host;

/**
 * A systemd unit's state as {@code systemctl show} reports it.
 *
 * @param activeState active, inactive, failed, activating, deactivating, reloading
 * @param subState    running, exited, dead, ...
 * @param result      success, exit-code, timeout, ... (the outcome of the last run)
 * @param loadState   loaded, not-found, bad-setting, ...
 * @param invocation  systemd's id of the unit's current or last run (new on every start), empty when not known
 */
public record UnitStatus(String activeState, String subState, String result, String loadState, String invocation) {

    public static final UnitStatus UNKNOWN = new UnitStatus("unknown", "unknown", "unknown", "unknown");

    public UnitStatus(String activeState, String subState, String result, String loadState) {
        this(activeState, subState, result, loadState, "");
    }

    public boolean isActive() {
        return "active".equals(activeState);
    }

    public boolean isFailed() {
        return "failed".equals(activeState);
    }

    /**
     * Failed, or on its way there: its run ended in failure and systemd is still running its stop commands
     * (a quadlet's {@code ExecStopPost=podman rm}, which takes a while under rootless Podman).
     */
    public boolean isFailedOrFailing() {
        return isFailed() || "deactivating".equals(activeState) && !"success".equals(result);
    }

    /** A oneshot without RemainAfterExit (a .build, a timer's job) that ran and succeeded. */
    public boolean finishedSuccessfully() {
        return "inactive".equals(activeState) && "success".equals(result);
    }

    public boolean isSettled() {
        return !"activating".equals(activeState) && !"deactivating".equals(activeState) && !"reloading".equals(activeState);
    }
}

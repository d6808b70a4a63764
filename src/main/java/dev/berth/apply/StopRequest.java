package dev.berth.apply;

/**
 * Set when the daemon is being stopped (SIGTERM). systemd then signals every process of the unit, so
 * the {@code systemctl} and {@code podman} calls of a sync in flight fail for that reason alone: such
 * failures say nothing about the commit, and must not roll it back or mark it bad.
 */
public final class StopRequest {
    private static volatile boolean requested;

    private StopRequest() {
    }

    public static void request() {
        requested = true;
    }

    public static boolean requested() {
        return requested;
    }

    /** For tests in the same JVM. */
    static void clear() {
        requested = false;
    }
}

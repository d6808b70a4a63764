package dev.berth.host;

import java.time.Duration;
import java.util.List;

/** The systemd operations an apply needs; one implementation per way of talking to systemd. */
public interface Systemd {

    void daemonReload() throws HostException;

    /** Starts a unit and waits for its job to finish (or for the timeout). */
    void start(String unit, Duration timeout) throws HostException;

    void restart(String unit, Duration timeout) throws HostException;

    void stop(String unit, Duration timeout) throws HostException;

    /** Enables a plain unit's [Install] links (quadlet units are enabled by the generator instead). */
    void enable(String unit) throws HostException;

    void disable(String unit);

    /** Forgets a stopped unit's failed state, so removed units do not linger as "not-found failed". */
    void resetFailed(String unit);

    /** Queues a restart without waiting: used for Berth's own unit, whose restart ends this process. */
    void restartNoBlock(String unit);

    /** Queues a stop without waiting for it: the stop runs on while the caller goes on (see apply.EarlyStops). */
    default void stopNoBlock(String unit) {
        throw new UnsupportedOperationException("stopNoBlock");
    }

    /**
     * The units among {@code units} whose stop reaches no other unit, as systemd has them loaded now: no unit
     * Requires=, Requisite=, BindsTo= or is PartOf= them, and they have no PropagatesStopTo=. A unit this cannot
     * tell about is left out (the default tells about none).
     */
    default java.util.Set<String> stopReachesNoOther(List<String> units) {
        return java.util.Set.of();
    }

    /**
     * The main process of each running unit among {@code units} (a quadlet container's is conmon), as systemd knows it
     * now; a unit with none, or one this cannot tell about, is left out (the default tells about none).
     */
    default java.util.Map<String, Long> mainPids(List<String> units) {
        return java.util.Map.of();
    }

    UnitStatus status(String unit);

    /** The states of several units in one look, keyed by the names given (one fork for all where the way allows it). */
    default java.util.Map<String, UnitStatus> statuses(List<String> units) {
        java.util.Map<String, UnitStatus> out = new java.util.LinkedHashMap<>();
        for (String unit : units) {
            out.put(unit, status(unit));
        }
        return out;
    }

    /** The unit's definition as systemd loaded it, drop-ins included ({@code systemctl cat}); empty when systemd does not know it. */
    java.util.Optional<String> unitText(String unit);

    /** The last {@code lines} journal lines of a unit, oldest first (empty when unavailable). */
    List<String> journal(String unit, int lines);
}

package dev.berth.status;

import dev.berth.host.ContainerHealthState;
import dev.berth.host.UnitStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Podman's health answer of one status kept for the next status of the same process (the daemon, whose
 * {@code berth status} answers waited on a {@code podman ps} of 100-200 ms each time). A unit's remembered health is
 * given again only where it cannot have changed: systemd shows the unit in the very state and run (its invocation
 * id, new on every start) it was in when Podman was asked after systemd, and the health is one no health check
 * moves: a running container without a health check (a container's health check is fixed when it is created, and
 * a quadlet creates it anew on each start), a stopped one, a unit of a kind that runs no container, the unit whose
 * run is this very process (a daemon that follows its own unit, {@code Self=true}). Anything else,
 * a unit seen for the first time, and every answer older than {@link #MAX_AGE_NANOS}, is asked of Podman again.
 * (What is not seen: {@code podman update --health-cmd} on a running container, for up to that age.)
 */
public final class HealthSnapshot {
    /** After this, Podman is asked again whatever systemd says. */
    static final long MAX_AGE_NANOS = 60_000_000_000L;

    /** How {@link StatusCollector} asks this time. */
    public enum Way {
        /** Podman alongside systemd (two forks at once): some unit needs Podman's answer whatever systemd says. */
        ALONGSIDE,
        /** Systemd first; Podman only when {@link #reused} cannot answer, so that its answer can be kept. */
        AFTER_SYSTEMD
    }

    /** A unit as status lists it: its file (the kind) and its systemd name. */
    public record Unit(String fileName, String systemdName) {
    }

    /**
     * One unit when Podman was asked.
     *
     * @param afterSystemd Podman was asked after systemd gave {@code state}: the health belongs to that run or a
     *                     later one (which then has another invocation id), never to an earlier one
     */
    private record Seen(UnitStatus state, String health, boolean afterSystemd, long atNanos) {
    }

    private final LongSupplier clock;
    private final String ownInvocation;
    private final Map<String, Seen> seen = new HashMap<>(); // guarded by this

    public HealthSnapshot() {
        this(System::nanoTime, System.getenv("INVOCATION_ID")); // what systemd gives the processes of a unit's run
    }

    /** @param ownInvocation the invocation id of the run this process belongs to, null when none */
    HealthSnapshot(LongSupplier nanoClock, String ownInvocation) {
        this.clock = nanoClock;
        this.ownInvocation = ownInvocation == null || ownInvocation.isEmpty() ? null : ownInvocation;
    }

    /** Alongside until every unit was seen once and none had a health check (which moves without systemd knowing). */
    public synchronized Way way(List<Unit> units) {
        for (Unit u : units) {
            Seen s = seen.get(u.systemdName());
            if (s == null || s.health() != null && !s.health().equals(NO_HEALTHCHECK)) {
                return Way.ALONGSIDE;
            }
        }
        return units.isEmpty() ? Way.ALONGSIDE : Way.AFTER_SYSTEMD;
    }

    /** The remembered health of every unit, when each can be given again with {@code now}; empty when any cannot. */
    public synchronized Optional<Map<String, String>> reused(List<Unit> units, Map<String, UnitStatus> now) {
        Map<String, String> out = new HashMap<>();
        for (Unit u : units) {
            Seen s = seen.get(u.systemdName());
            UnitStatus state = now.get(u.systemdName());
            if (s == null || state == null || !reusable(u, s, state)) {
                return Optional.empty();
            }
            if (s.health() != null) {
                out.put(u.systemdName(), s.health());
            }
        }
        return Optional.of(out);
    }

    /**
     * Keeps Podman's answer with the states systemd gave.
     *
     * @param afterSystemd whether Podman was asked after systemd answered (only then can it be given again)
     */
    public synchronized void remember(List<Unit> units, Map<String, UnitStatus> states, Map<String, String> health,
                                      boolean afterSystemd) {
        long at = clock.getAsLong();
        seen.clear();
        for (Unit u : units) {
            UnitStatus state = states.getOrDefault(u.systemdName(), UnitStatus.UNKNOWN);
            seen.put(u.systemdName(), new Seen(state, health.get(u.systemdName()), afterSystemd, at));
        }
    }

    private boolean reusable(Unit unit, Seen s, UnitStatus now) {
        if (!s.afterSystemd() || clock.getAsLong() - s.atNanos() > MAX_AGE_NANOS || !now.isSettled() || !now.equals(s.state())
                || now.isActive() && now.invocation().isEmpty()) { // a systemd without invocation ids cannot tell a restart
            return false;
        }
        return switch (kind(unit.fileName())) {
            // a quadlet container runs while its unit is active; once stopped it is removed (a new start: a new run)
            case "container" -> now.isActive() ? NO_HEALTHCHECK.equals(s.health()) && "running".equals(now.subState()) : s.health() == null;
            // a service may start containers whenever it likes (but this process is Berth); a pod's or kube's are many
            case "service" -> now.invocation().equals(ownInvocation) && s.health() == null;
            case "pod", "kube" -> false;
            default -> s.health() == null; // a network, volume, image, build, timer, socket ...: no container of its own
        };
    }

    private static String kind(String fileName) {
        int dot = Objects.requireNonNull(fileName).lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1);
    }

    private static final String NO_HEALTHCHECK = ContainerHealthState.NO_HEALTHCHECK.text();
}

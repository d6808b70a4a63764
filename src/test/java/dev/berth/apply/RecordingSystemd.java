package dev.berth.apply;

import dev.berth.host.HostException;
import dev.berth.host.Systemd;
import dev.berth.host.UnitStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A stand-in for systemd in fast unit tests of the deploy flow: records every call and lets a test make
 * chosen units fail. The proof that Berth works on systemd is in the integration tests.
 */
public final class RecordingSystemd implements Systemd {
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());  // starts of one wave run at once
    final Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<String> active = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Units whose run fails a moment after their start job succeeded: the first look sees them active, later ones this. */
    final java.util.Map<String, UnitStatus> failingLater = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> lookedAtSinceStart = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Makes the next daemon-reloads fail (systemd refusing it) while set. */
    volatile boolean reloadFails;

    @Override
    public void daemonReload() throws HostException {
        calls.add("daemon-reload");
        if (reloadFails) {
            throw new HostException("systemctl daemon-reload failed: Access denied");
        }
    }

    @Override
    public void start(String unit, Duration timeout) throws HostException {
        run("start", unit);
    }

    @Override
    public void restart(String unit, Duration timeout) throws HostException {
        run("restart", unit);
    }

    private void run(String verb, String unit) throws HostException {
        calls.add(verb + " " + unit);
        lookedAtSinceStart.remove(unit);
        if (failing.contains(unit)) {
            active.remove(unit);
            throw new HostException(verb + " " + unit + " failed: Job for " + unit + " failed");
        }
        active.add(unit);
    }

    @Override
    public void stop(String unit, Duration timeout) {
        calls.add("stop " + unit);
        active.remove(unit);
    }

    @Override
    public void enable(String unit) {
        calls.add("enable " + unit);
    }

    @Override
    public void disable(String unit) {
        calls.add("disable " + unit);
    }

    @Override
    public void resetFailed(String unit) {
        calls.add("reset-failed " + unit);
    }

    @Override
    public void restartNoBlock(String unit) {
        calls.add("restart --no-block " + unit);
    }

    @Override
    public void stopNoBlock(String unit) {
        calls.add("stop --no-block " + unit);
    }

    /** Units other units depend on (their stop would reach them): every other unit's stop reaches none. */
    final Set<String> dependedOn = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public Set<String> stopReachesNoOther(List<String> units) {
        return units.stream().filter(u -> !dependedOn.contains(u)).collect(java.util.stream.Collectors.toSet());
    }

    /** How many times a unit's state was asked for. */
    final java.util.concurrent.atomic.AtomicInteger looks = new java.util.concurrent.atomic.AtomicInteger();

    /** Main processes to answer {@link #mainPids} with; when each unit was last looked at (nanoTime). */
    final java.util.Map<String, Long> mainPids = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.Map<String, Long> lastLook = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.concurrent.atomic.AtomicInteger mainPidAsks = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public java.util.Map<String, Long> mainPids(List<String> units) {
        mainPidAsks.incrementAndGet();
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        units.stream().filter(mainPids::containsKey).forEach(u -> out.put(u, mainPids.get(u)));
        return out;
    }

    /** How long each look at a unit's state takes (a {@code systemctl show} fork on a busy host). */
    volatile java.time.Duration lookTakes = java.time.Duration.ZERO;

    @Override
    public UnitStatus status(String unit) {
        lastLook.put(unit, System.nanoTime());
        looks.incrementAndGet();
        if (!lookTakes.isZero()) {
            try {
                Thread.sleep(lookTakes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failingLater.containsKey(unit) && !lookedAtSinceStart.add(unit)) {
            return failingLater.get(unit);
        }
        return active.contains(unit) ? new UnitStatus("active", "running", "success", "loaded")
                : new UnitStatus(failing.contains(unit) ? "failed" : "inactive", "dead", "exit-code", "loaded");
    }

    @Override
    public List<String> journal(String unit, int lines) {
        return List.of("journal line of " + unit);
    }

    List<String> takeCalls() {
        synchronized (calls) {
            List<String> out = List.copyOf(calls);
            calls.clear();
            return out;
        }
    }

    @Override
    public java.util.Optional<String> unitText(String unit) {
        return java.util.Optional.empty();
    }
}

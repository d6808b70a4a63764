package dev.berth.apply;

import dev.berth.host.Systemd;
import dev.berth.host.UnitStatus;
import dev.berth.repo.RepoUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decides whether units whose start job succeeded are really up, waiting only as long as the answer is unknown:
 * <ul>
 *   <li>a container with {@code Notify=healthy}: systemd's start job already waited for its health check, the
 *       job result is the answer;</li>
 *   <li>a unit the health gate checks (a container's {@code HealthCmd=}): the check passing is the answer, all
 *       such checks run at once;</li>
 *   <li>any other unit has nothing to ask but systemd: it is watched (one {@code systemctl show} for all of them
 *       every {@code pollEvery}) until {@code settle} has passed since its own job ended, and fails at once when
 *       systemd sees it fail (a process that dies right after it started);</li>
 *   <li>except that a container publishing TCP ports ({@link PublishedPorts}) is up sooner, once its own process
 *       listens on all of them ({@link ContainerListening}) and it has lived {@link Listening#floor} past its job:
 *       it has read its configuration and opened what it serves.</li>
 * </ul>
 * Every unit gets a look from systemd before it counts as up, taken after its window where it has one (the watch's own
 * last look when that was asked for after the window ended, else one more).
 */
final class SettleWatch {
    private final Systemd systemd;
    private final HealthGate health;
    private final Duration settle;
    private final Duration pollEvery;
    private final Listening listening;

    /**
     * How a container's window may end early: {@code probe} reads whether it listens, not before {@code floor} has
     * passed since its job ended; {@code progress} is told when a window ended so.
     */
    record Listening(ListenProbe probe, Duration floor, Progress progress) {
    }

    /** What a container under a unit's main process is doing ({@link ContainerListening}). */
    interface ListenProbe {
        Seen look(long mainPid, Set<Integer> ports);
    }

    /** Listening on all its ports; running, not yet listening; its process exited; could not tell. */
    enum Seen { LISTENING, NOT_YET, GONE, UNKNOWN }

    SettleWatch(Systemd systemd, HealthGate health, Duration settle, Duration pollEvery) {
        this(systemd, health, settle, pollEvery, null);
    }

    /** @param listening null: every window runs to its end */
    SettleWatch(Systemd systemd, HealthGate health, Duration settle, Duration pollEvery, Listening listening) {
        this.systemd = systemd;
        this.health = health;
        this.settle = settle;
        this.pollEvery = pollEvery;
        this.listening = listening;
    }

    /** @return what is wrong with each unit that is not up; a unit absent from the map is up */
    Map<RepoUnit, String> check(List<UnitStarts.Started> started) {
        Map<RepoUnit, String> wrong = new LinkedHashMap<>();
        Set<RepoUnit> lastLookDone = new HashSet<>(); // looked at, up, after their window had passed: that look was the last
        List<UnitStarts.Started> watched = new ArrayList<>();
        for (UnitStarts.Started s : started) {
            if (!notifiesHealthy(s.unit()) && !health.checks(s.unit())) {
                watched.add(s);
            }
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<RepoUnit, Future<Optional<String>>> checks = new LinkedHashMap<>();
            for (UnitStarts.Started s : started) { // the gate answers at once for a unit it has no check for
                checks.put(s.unit(), pool.submit(() -> health.awaitHealthy(s.unit())));
            }
            Set<RepoUnit> seenPastWindow = watch(watched, wrong);
            lastLookDone.addAll(seenPastWindow);
            for (Map.Entry<RepoUnit, Future<Optional<String>>> c : checks.entrySet()) {
                if (!wrong.containsKey(c.getKey())) {
                    outcome(c.getValue()).ifPresent(why -> wrong.put(c.getKey(), why));
                }
            }
        }
        List<RepoUnit> lastLook = new ArrayList<>();
        for (UnitStarts.Started s : started) {
            if (!wrong.containsKey(s.unit()) && !lastLookDone.contains(s.unit())) {
                lastLook.add(s.unit());
            }
        }
        if (lastLook.isEmpty()) {
            return wrong; // nothing started: no look at systemd at all (a repository of files only needs none)
        }
        Map<String, UnitStatus> now = systemd.statuses(lastLook.stream().map(RepoUnit::systemdName).toList());
        for (RepoUnit u : lastLook) {
            failedWhy(u, now.getOrDefault(u.systemdName(), UnitStatus.UNKNOWN)).ifPresent(why -> wrong.put(u, why));
        }
        return wrong;
    }

    /**
     * Looks at the watched units until each has lived {@code settle} past its job, or failed.
     * @return the units seen up by a look taken after their window had passed (they need no other last look)
     */
    private Set<RepoUnit> watch(List<UnitStarts.Started> watched, Map<RepoUnit, String> wrong) {
        Set<RepoUnit> seenPastWindow = new HashSet<>();
        List<UnitStarts.Started> open = new ArrayList<>(watched);
        ListeningUnits listens = new ListeningUnits(watched);
        while (!open.isEmpty()) {
            long now = System.nanoTime();
            long until = open.stream().mapToLong(s -> s.jobEnded() + settle.toNanos()).min().orElse(now);
            // a container's first look is at its floor, not at the poll after it (up to pollEvery later)
            long wake = Math.min(Math.min(now + pollEvery.toNanos(), until), listens.nextFloor(open, now));
            if (!sleep(Math.max(0, wake - now))) {
                return Set.of();
            }
            Map<RepoUnit, Seen> seen = listens.now(open); // read before systemd's look: that look is then the verdict
            Set<RepoUnit> listened = new HashSet<>();
            seen.forEach((u, what) -> {
                if (what == Seen.LISTENING) {
                    listened.add(u);
                } else if (what == Seen.GONE) {
                    wrong.put(u, u.systemdName() + " failed right after it started (its container's process exited)");
                }
            });
            open.removeIf(s -> seen.get(s.unit()) == Seen.GONE);
            if (open.isEmpty()) {
                break;
            }
            long asked = System.nanoTime(); // a look counts as past a unit's window only if it was asked for after it
            Map<String, UnitStatus> states = systemd.statuses(open.stream().map(s -> s.unit().systemdName()).toList());
            long looked = System.nanoTime();
            open.removeIf(s -> {
                Optional<String> failed = failedWhy(s.unit(), states.getOrDefault(s.unit().systemdName(), UnitStatus.UNKNOWN));
                failed.ifPresent(why -> wrong.put(s.unit(), why));
                if (failed.isEmpty() && (asked - s.jobEnded() >= settle.toNanos() || listened.contains(s.unit()))) {
                    seenPastWindow.add(s.unit()); // this look is the verdict
                    if (listened.contains(s.unit()) && asked - s.jobEnded() < settle.toNanos()) {
                        listening.progress().step("up " + s.unit().systemdName() + "  (listens on "
                                + listens.ports(s.unit()) + ", " + (asked - s.jobEnded()) / 1_000_000 + " ms after its start)");
                    }
                }
                // past its window: the verdict is this look, or the last look of check() if the window ended during it
                return failed.isPresent() || looked - s.jobEnded() >= settle.toNanos() || listened.contains(s.unit());
            });
        }
        return seenPastWindow;
    }

    /** The watched containers that may end their window by listening, and what systemd said their main process is. */
    private final class ListeningUnits {
        private final Map<RepoUnit, Set<Integer>> ports = new LinkedHashMap<>();
        private final Map<String, Long> mainPids = new LinkedHashMap<>();
        private final Set<RepoUnit> asked = new HashSet<>();
        private final Set<RepoUnit> lookedPastFloor = new HashSet<>();

        ListeningUnits(List<UnitStarts.Started> watched) {
            for (UnitStarts.Started s : watched) {
                if (listening != null) {
                    PublishedPorts.tcpContainerPorts(s.unit()).ifPresent(p -> ports.put(s.unit(), p));
                }
            }
        }

        Set<Integer> ports(RepoUnit u) {
            return ports.get(u);
        }

        /**
         * When the next look past a floor is due among {@code open}: a container's floor, or {@code now} for one whose
         * floor passed while the last poll was busy (forks take tens of ms) and which has had no look since;
         * Long.MAX_VALUE if none is due.
         */
        long nextFloor(List<UnitStarts.Started> open, long now) {
            return open.stream().filter(s -> ports.containsKey(s.unit()) && !lookedPastFloor.contains(s.unit()))
                    .mapToLong(s -> Math.max(now, s.jobEnded() + floorNanos())).min().orElse(Long.MAX_VALUE);
        }

        private long floorNanos() {
            return listening == null ? 0 : Math.min(listening.floor().toNanos(), settle.toNanos());
        }

        /** What the containers among {@code open} that are past the floor are doing now. */
        Map<RepoUnit, Seen> now(List<UnitStarts.Started> open) {
            long now = System.nanoTime();
            long floor = floorNanos();
            List<UnitStarts.Started> due = open.stream()
                    .filter(s -> ports.containsKey(s.unit()) && now - s.jobEnded() >= floor).toList();
            // asked at the first look after their job, not at the floor: one process fewer when the answer is due.
            // Once: a main process that changes later (a restart) is no answer, its first one is then gone
            List<String> unasked = open.stream().map(UnitStarts.Started::unit).filter(ports::containsKey).filter(asked::add)
                    .map(RepoUnit::systemdName).toList();
            if (!unasked.isEmpty()) {
                mainPids.putAll(systemd.mainPids(unasked));
            }
            Map<RepoUnit, Seen> out = new LinkedHashMap<>();
            for (UnitStarts.Started s : due) {
                Long pid = mainPids.get(s.unit().systemdName());
                if (pid != null) {
                    out.put(s.unit(), listening.probe().look(pid, ports.get(s.unit())));
                }
                lookedPastFloor.add(s.unit()); // later looks follow the poll
            }
            return out;
        }
    }

    private static Optional<String> failedWhy(RepoUnit u, UnitStatus s) {
        return s.isFailedOrFailing()
                ? Optional.of(u.systemdName() + " failed right after it started (" + s.result() + ")")
                : Optional.empty();
    }

    /** {@code Notify=healthy} (Podman 5.1+): the unit is ready for systemd only once its health check passed. */
    static boolean notifiesHealthy(RepoUnit u) {
        return u.name().kind() == dev.berth.unit.UnitKind.CONTAINER && u.unit().value("Container", "Notify")
                .map(v -> v.strip().toLowerCase(Locale.ROOT).equals("healthy")).orElse(false);
    }

    private static Optional<String> outcome(Future<Optional<String>> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return Optional.of("health check failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while waiting for the health check");
        }
    }

    private static boolean sleep(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

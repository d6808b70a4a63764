package dev.berth.apply;

import dev.berth.host.FaultPoints;
import dev.berth.host.HostException;
import dev.berth.host.Systemd;
import dev.berth.host.UnitStatus;
import dev.berth.plan.Action;
import dev.berth.plan.ActionType;
import dev.berth.plan.Plan;
import dev.berth.repo.DesiredState;
import dev.berth.repo.RepoUnit;
import dev.berth.state.UnitFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * Starts (or restarts) a plan's units in waves: a unit waits for the units of this plan it depends on, and
 * the units of one wave, which do not depend on each other, are started together. Each start is a blocking
 * {@code systemctl start}, so its job result (the unit started, or why not) is known when it returns.
 * The fault points of a wave are passed in plan order, each as soon as its start and those before it ended.
 */
final class UnitStarts {
    /** A unit whose start job succeeded, and when it ended (from {@link System#nanoTime}). */
    record Started(RepoUnit unit, long jobEnded) {
    }

    /** What came of the starts; {@code selfRestart} is Berth's own unit, enabled but left for last. */
    record Result(List<Started> started, List<UnitFailure> failures, Optional<Action> selfRestart) {
    }

    private final Systemd systemd;
    private final Progress progress;
    private final BiFunction<RepoUnit, String, UnitFailure> failure;

    UnitStarts(Systemd systemd, Progress progress, BiFunction<RepoUnit, String, UnitFailure> failure) {
        this.systemd = systemd;
        this.progress = progress;
        this.failure = failure;
    }

    Result run(Plan plan, DesiredState desired) {
        List<Action> starts = plan.actions().stream()
                .filter(a -> a.type() == ActionType.START || a.type() == ActionType.RESTART).toList();
        List<Started> started = new ArrayList<>();
        List<UnitFailure> failures = new ArrayList<>();
        Action self = null;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Action> wave : waves(starts, desired)) {
                List<Action> jobs = new ArrayList<>();
                List<Future<Optional<String>>> results = new ArrayList<>();
                for (Action a : wave) {
                    RepoUnit u = desired.units().get(a.unit());
                    if (u.options().self()) {
                        self = a; // enabled like any unit (or Berth would not come back after a reboot), restarted last
                        results.add(pool.submit(() -> enable(u, a)));
                    } else {
                        progress.step(verb(a) + " " + a.subject() + "  (" + a.reason() + ")");
                        results.add(pool.submit(() -> enable(u, a).or(() -> job(u, a))));
                    }
                    jobs.add(a);
                }
                List<Action> ran = new ArrayList<>();
                Map<Action, Long> ended = new HashMap<>();
                for (int i = 0; i < jobs.size(); i++) {
                    Action a = jobs.get(i);
                    RepoUnit u = desired.units().get(a.unit());
                    Optional<String> error = outcome(results.get(i));
                    if (error.isPresent()) {
                        failures.add(failure.apply(u, error.get()));
                    } else if (!u.options().self()) {
                        FaultPoints.after(verb(a), a.subject());
                        ran.add(a);
                        ended.put(a, System.nanoTime());
                    }
                }
                Map<String, UnitStatus> now = ran.isEmpty() ? Map.of()
                        : systemd.statuses(ran.stream().map(Action::subject).toList());
                for (Action a : ran) {
                    RepoUnit u = desired.units().get(a.unit());
                    UnitStatus s = now.getOrDefault(a.subject(), UnitStatus.UNKNOWN);
                    if (s.isActive() || s.finishedSuccessfully() || "activating".equals(s.activeState()) && u.name().kind().isTrigger()) {
                        started.add(new Started(u, ended.get(a)));
                    } else {
                        failures.add(failure.apply(u, a.subject() + " is " + s.activeState() + " (" + s.result() + ") after " + verb(a)));
                    }
                }
            }
        }
        return new Result(started, failures, Optional.ofNullable(self));
    }

    /**
     * The starts grouped so that each unit comes after every unit of this plan it depends on: wave 0 depends on
     * none of them, wave n on some of wave n-1 at most. Plan order is kept within a wave. (Validation refuses cycles.)
     */
    static List<List<Action>> waves(List<Action> starts, DesiredState desired) {
        Map<String, Action> byUnit = new HashMap<>();
        for (Action a : starts) {
            byUnit.put(a.unit(), a);
        }
        Map<String, Integer> depth = new HashMap<>();
        List<List<Action>> waves = new ArrayList<>();
        for (Action a : starts) {
            int d = depth(a.unit(), byUnit, desired, depth, 0);
            while (waves.size() <= d) {
                waves.add(new ArrayList<>());
            }
            waves.get(d).add(a);
        }
        return waves;
    }

    private static int depth(String unit, Map<String, Action> starting, DesiredState desired, Map<String, Integer> memo, int guard) {
        Integer known = memo.get(unit);
        if (known != null) {
            return known;
        }
        RepoUnit u = desired.units().get(unit);
        int d = 0;
        if (u != null && guard < starting.size()) {
            for (String dep : u.dependsOn()) {
                if (starting.containsKey(dep) && !dep.equals(unit)) {
                    d = Math.max(d, 1 + depth(dep, starting, desired, memo, guard + 1));
                }
            }
        }
        memo.put(unit, d);
        return d;
    }

    private static String verb(Action a) {
        return a.type() == ActionType.START ? "start" : "restart";
    }

    /** Enables a plain unit's [Install] links (quadlet units are enabled by their generator); empty when done. */
    private Optional<String> enable(RepoUnit u, Action a) {
        try {
            if (!u.name().kind().isQuadlet() && u.unit().hasSection("Install")) {
                systemd.enable(a.subject());
            }
            return Optional.empty();
        } catch (HostException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The start or restart job; empty when it succeeded, else why not. */
    private Optional<String> job(RepoUnit u, Action a) {
        try {
            if (a.type() == ActionType.START) {
                systemd.start(a.subject(), u.options().healthTimeout());
            } else {
                systemd.restart(a.subject(), u.options().healthTimeout());
            }
            return Optional.empty();
        } catch (HostException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Optional<String> outcome(Future<Optional<String>> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return Optional.of(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while waiting for the start job");
        }
    }
}

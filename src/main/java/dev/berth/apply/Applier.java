package dev.berth.apply;

import dev.berth.failure.FailureKind;
import dev.berth.host.AtomicFileWriter;
import dev.berth.host.FaultPoints;
import dev.berth.host.HostException;
import dev.berth.host.HostLayout;
import dev.berth.host.ProcessRunner;
import dev.berth.host.Systemd;
import dev.berth.plan.Action;
import dev.berth.plan.ActionType;
import dev.berth.plan.Plan;
import dev.berth.repo.DesiredState;
import dev.berth.repo.InstalledFile;
import dev.berth.repo.RepoUnit;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import dev.berth.state.StateStore;
import dev.berth.state.UnitFailure;
import dev.berth.unit.UnitKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out a plan on the host, recording progress after every step so that a crash at any point
 * leaves a state from which the next plan finishes the job:
 * <ol>
 *   <li>a file is claimed in the state before it is written, so Berth knows it is its own;</li>
 *   <li>a unit is recorded only once it is running, so a failed unit is retried next time;</li>
 *   <li>the commit is recorded only when every unit came up.</li>
 * </ol>
 */
public final class Applier {
    private static final int JOURNAL_LINES = 20;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    /** A unit with no health check of its own that dies this soon after its start job succeeded is caught (see SettleWatch). */
    public static final Duration DEFAULT_SETTLE = Duration.ofMillis(1500);
    /** How often units in their settle window are looked at: a unit that fails is reported this soon. */
    private static final Duration POLL_EVERY = Duration.ofMillis(100);
    /** A container listening on what it publishes is up no sooner than this after its start (see SettleWatch). */
    static final Duration LISTENING_FLOOR = Duration.ofMillis(500);

    private final HostLayout layout;
    private final Systemd systemd;
    private final StateStore store;
    private final Progress progress;
    private final Duration settle;
    private final HealthGate health;
    private final SelfUpgrade selfUpgrade;

    public Applier(HostLayout layout, Systemd systemd, StateStore store, Progress progress, Duration settle) {
        this(layout, systemd, store, progress, settle, HealthGate.NONE);
    }

    /** @param health a unit with a health check is recorded only once it passes it */
    public Applier(HostLayout layout, Systemd systemd, StateStore store, Progress progress, Duration settle,
                   HealthGate health) {
        this.layout = layout;
        this.systemd = systemd;
        this.store = store;
        this.progress = progress;
        this.settle = settle;
        this.health = health;
        this.selfUpgrade = new SelfUpgrade(store.dir(), new ProcessRunner());
    }

    /**
     * @param checkout the exported commit the desired state was read from (the source of every file)
     * @param commit   the commit being deployed, recorded only if every unit comes up
     */
    public ApplyResult apply(Plan plan, DesiredState desired, AppliedState applied, Path checkout, String commit)
            throws ApplyException {
        refuseForeignFiles(plan, applied);
        Map<String, String> files = new HashMap<>(applied.files());
        Map<String, AppliedUnit> units = new HashMap<>(applied.units());
        List<UnitFailure> failures = new ArrayList<>();
        List<String> drift = new ArrayList<>();

        for (Action a : plan.ofType(ActionType.STOP)) {
            progress.step("stop " + a.subject());
            try {
                systemd.stop(a.subject(), STOP_TIMEOUT);
            } catch (HostException e) {
                progress.step("  " + e.getMessage() + " (continuing: its files are removed anyway)");
            }
            if (isPlainUnit(a.unit())) {
                systemd.disable(a.subject());
            }
            FaultPoints.after("stop", a.subject());
            units.remove(a.unit());
            save(applied.commit(), files, units);
        }

        for (Action a : plan.ofType(ActionType.REMOVE_FILE)) {
            progress.step("remove " + layout.pathOf(a.subject()));
            try {
                Path p = layout.pathOf(a.subject());
                Files.deleteIfExists(p);
                removeEmptyParents(p.getParent());
            } catch (IOException e) {
                throw new ApplyException("cannot remove " + layout.pathOf(a.subject()) + ": " + e.getMessage(), e);
            }
            FaultPoints.after("remove", a.subject());
            files.remove(a.subject());
            save(applied.commit(), files, units);
        }

        List<Action> writes = plan.ofType(ActionType.WRITE_FILE);
        if (!writes.isEmpty()) {
            // Claim first: after a crash mid-write these files are known to be Berth's, with an unknown digest.
            for (Action a : writes) {
                files.putIfAbsent(a.subject(), "");
            }
            save(applied.commit(), files, units);
            for (Action a : writes) {
                InstalledFile f = desired.files().get(a.subject());
                Path target = layout.pathOf(a.subject());
                progress.step("write " + target + "  (" + a.reason() + ")");
                try {
                    keepBerthsUnitFile(desired, f, applied, commit, target);
                    AtomicFileWriter.write(target, Files.readAllBytes(checkout.resolve(f.source())));
                    FaultPoints.after("write", a.subject());
                } catch (IOException e) {
                    save(applied.commit(), files, units);
                    throw new ApplyException("cannot write " + target + ": " + e.getMessage()
                            + " (nothing was restarted; the running units are unchanged)", e);
                }
                files.put(a.subject(), f.digest());
                if (a.why().repairsDrift()) {
                    drift.add(a.subject());
                }
            }
            save(applied.commit(), files, units);
        }

        // A run killed between its writes and its daemon-reload left systemd with the old unit files, and this plan
        // writes nothing: starting a commit that is not recorded yet, reload first (it costs one reload per retry).
        boolean unfinished = !java.util.Objects.equals(applied.commit(), commit) && plan.actions().stream()
                .anyMatch(a -> a.type() == ActionType.START || a.type() == ActionType.RESTART);
        if (!plan.ofType(ActionType.DAEMON_RELOAD).isEmpty() || unfinished) {
            EarlyStops early = new EarlyStops(systemd, progress);
            List<Action> stopsFirst = early.choose(plan, desired);
            if (!stopsFirst.isEmpty()) {
                stopsFirst.forEach(a -> units.computeIfPresent(a.unit(), (f, u) -> u.beingRestarted()));
                save(applied.commit(), files, units);
                early.queue(stopsFirst);
            }
            progress.step("daemon-reload");
            try {
                systemd.daemonReload();
                FaultPoints.after("daemon-reload", layout.quadletDir());
            } catch (HostException e) {
                throw new ApplyException(e.getMessage(), e);
            }
            for (Action a : plan.ofType(ActionType.STOP)) {
                systemd.resetFailed(a.subject());
            }
        }

        // Units nobody starts directly are applied once their files are in place.
        for (RepoUnit u : desired.units().values()) {
            if (!u.options().autoStart()) {
                units.put(u.fileName(), recorded(u));
            }
        }
        // Units this plan leaves alone get their dependencies as they are now: none were recorded yet (older
        // state), or another unit they named came or went without changing their own file.
        for (RepoUnit u : desired.units().values()) {
            AppliedUnit known = units.get(u.fileName());
            if (known != null && !u.dependsOn().equals(known.dependsOn()) && known.systemdName().equals(u.systemdName())) {
                units.put(u.fileName(), known.withDependsOn(u.dependsOn()));
            }
        }

        UnitStarts.Result starts = new UnitStarts(systemd, progress, this::failure).run(plan, desired);
        failures.addAll(starts.failures());
        Action selfRestart = starts.selfRestart().orElse(null);
        Map<RepoUnit, String> down = new SettleWatch(systemd, health, settle, POLL_EVERY,
                new SettleWatch.Listening(ContainerListening.host(), LISTENING_FLOOR, progress)).check(starts.started());
        for (UnitStarts.Started st : starts.started()) {
            RepoUnit u = st.unit();
            if (down.containsKey(u)) {
                failures.add(failure(u, down.get(u)));
            } else {
                units.put(u.fileName(), recorded(u));
            }
        }
        for (UnitFailure f : failures) {
            progress.step("FAILED " + f.systemdName() + ": " + f.message());
        }

        String deployed = failures.isEmpty() ? commit : applied.commit();
        AppliedState result = save(deployed, files, units);
        if (selfRestart != null && failures.isEmpty()) {
            RepoUnit self = desired.units().get(selfRestart.unit());
            units.put(self.fileName(), recorded(self));
            result = save(deployed, files, units);
            try {
                selfUpgrade.arm(self.options().healthTimeout());
            } catch (IOException e) {
                progress.step("  " + e.getMessage() + " (restarting anyway: a new version that fails is not rolled back)");
            }
            progress.step("restart " + selfRestart.subject() + " (Berth itself, last)");
            systemd.restartNoBlock(selfRestart.subject());
        }
        return new ApplyResult(result, failures, drift);
    }

    /** Before Berth's own unit file changes, the one that runs now is kept: the way back if the new Berth fails. */
    private void keepBerthsUnitFile(DesiredState desired, InstalledFile f, AppliedState applied, String commit, Path target)
            throws IOException {
        for (RepoUnit u : desired.units().values()) {
            if (u.options().self() && u.path().equals(f.source())) {
                selfUpgrade.prepare(applied, commit, u.systemdName(), target);
            }
        }
    }

    private static boolean isPlainUnit(String fileName) {
        return fileName != null && UnitKind.ofFileName(fileName).map(k -> !k.isQuadlet()).orElse(false);
    }

    private void refuseForeignFiles(Plan plan, AppliedState applied) throws ApplyException {
        List<String> foreign = new ArrayList<>();
        for (Action a : plan.ofType(ActionType.WRITE_FILE)) {
            if (!applied.files().containsKey(a.subject())
                    && Files.exists(layout.pathOf(a.subject()), LinkOption.NOFOLLOW_LINKS)) {
                foreign.add(layout.pathOf(a.subject()).toString());
            }
        }
        if (!foreign.isEmpty()) {
            throw new ApplyException(FailureKind.REFUSED, "refusing to overwrite files Berth did not write: " + String.join(", ", foreign)
                    + ". Remove or rename them on the host (or rename the units in the repository); nothing was changed");
        }
    }

    private AppliedUnit recorded(RepoUnit u) {
        return new AppliedUnit(u.fileName(), u.systemdName(), u.inputDigest(), u.options().autoStart(), u.dependsOn());
    }

    private UnitFailure failure(RepoUnit u, String message) {
        return new UnitFailure(u.fileName(), u.systemdName(), message, systemd.journal(u.systemdName(), JOURNAL_LINES));
    }

    private AppliedState save(String commit, Map<String, String> files, Map<String, AppliedUnit> units)
            throws ApplyException {
        AppliedState s = new AppliedState(commit, new LinkedHashMap<>(files), new LinkedHashMap<>(units));
        try {
            store.saveApplied(s);
        } catch (IOException e) {
            throw new ApplyException(FailureKind.STATE, "cannot save Berth's state in " + store.dir() + ": " + e.getMessage(), e);
        }
        return s;
    }

    private void removeEmptyParents(Path dir) throws IOException {
        Path stop = layout.quadletDir();
        while (dir != null && dir.startsWith(stop) && !dir.equals(stop)) {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                // already removed by a run that was killed before it recorded the removal: look further up
                dir = dir.getParent();
                continue;
            }
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(dir);
            dir = dir.getParent();
        }
    }
}

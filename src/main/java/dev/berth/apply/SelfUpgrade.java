package dev.berth.apply;

import dev.berth.host.ProcessResult;
import dev.berth.host.ProcessRunner;
import dev.berth.host.StateFiles;
import dev.berth.json.Json;
import dev.berth.state.AppliedState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Upgrading Berth's own unit ({@code Self=true}, e.g. a new image tag of Berth's container), which the process doing
 * it cannot watch: it is the one replaced. Before the new unit file is written, the old one is kept in the state
 * folder ({@link #prepare}). Before the restart, a transient systemd timer is started on the host ({@link #arm}): when
 * it fires, unless the new daemon has checked in, a shell on the host puts the old unit file back and restarts Berth,
 * so the old version runs again. The new daemon checks in at its first sync ({@link #verdict}); the old one, back,
 * finds its own unit file and records the rollback. Every step leaves files from which the next start decides.
 */
public final class SelfUpgrade {
    /** The transient units systemd-run makes: {@code NAME.timer} starts {@code NAME.service} once. */
    public static final String WATCHER = "berth-self-upgrade-check";
    static final String RECORD = "self-upgrade.json";
    static final String PREVIOUS = "self-upgrade.previous";
    static final String CONFIRMED = "self-upgrade.confirmed";
    private static final Duration SYSTEMCTL_TIMEOUT = Duration.ofSeconds(30);

    /** What a sync does about an upgrade of Berth under way. */
    public enum Verdict {
        /** none under way, or not restarted yet (the sync carries on and restarts Berth) */
        NONE,
        /** this is the new version, started as a daemon: keep it, stop the watcher */
        CONFIRM,
        /** the watcher put the old unit file back: this is the old version again; record the rollback */
        ROLLED_BACK,
        /** the new version runs but has not checked in yet, and this sync is not its daemon's: leave it to the daemon */
        WAIT
    }

    private final StateFiles files;
    private final ProcessRunner runner;

    public SelfUpgrade(Path stateDir, ProcessRunner runner) {
        this.files = new StateFiles(stateDir);
        this.runner = runner;
    }

    /** Decides from what is on disk; {@code daemonStart} is the first sync of a daemon that just started. */
    public static Verdict verdict(Optional<SelfUpgradeRecord> record, Optional<byte[]> unitFileNow, Optional<byte[]> previous,
                                  boolean daemonStart) {
        if (record.isEmpty() || record.get().stage() == SelfUpgradeRecord.Stage.PREPARED) {
            return Verdict.NONE;
        }
        if (previous.isPresent() && unitFileNow.isPresent() && Arrays.equals(previous.get(), unitFileNow.get())) {
            return Verdict.ROLLED_BACK;
        }
        return daemonStart ? Verdict.CONFIRM : Verdict.WAIT;
    }

    /** The upgrade under way, if any. */
    public Optional<SelfUpgradeRecord> record() throws IOException {
        Path p = files.path(RECORD);
        return Files.exists(p) ? Optional.of(Json.stateFiles().readValue(p.toFile(), SelfUpgradeRecord.class)) : Optional.empty();
    }

    public Verdict verdict(boolean daemonStart) throws IOException {
        Optional<SelfUpgradeRecord> r = record();
        return verdict(r, r.flatMap(x -> read(Path.of(x.unitFile()))), read(files.path(PREVIOUS)), daemonStart);
    }

    /**
     * Keeps Berth's unit file as it is before the new one is written. An upgrade already under way (killed before
     * its restart, or a newer commit) keeps the file it kept: that is the version that last ran.
     */
    void prepare(AppliedState applied, String toCommit, String unit, Path unitFile) throws IOException {
        Optional<SelfUpgradeRecord> earlier = record();
        if (earlier.isPresent()) {
            save(earlier.get().retargeted(toCommit));
            return;
        }
        Optional<byte[]> now = read(unitFile);
        if (applied.commit() == null || now.isEmpty()) {
            return; // Berth's unit is new here: there is no earlier version to go back to
        }
        Files.deleteIfExists(files.path(CONFIRMED));
        files.write(PREVIOUS, now.get());
        save(new SelfUpgradeRecord(SelfUpgradeRecord.Stage.PREPARED, applied.commit(), toCommit, unit, unitFile.toString(), applied));
    }

    /**
     * Starts the watcher, then marks the upgrade armed: the restart may follow. Without a prepared upgrade (Berth's
     * unit is new) there is nothing to go back to, and nothing is started.
     */
    void arm(Duration checkInWithin) throws IOException {
        Optional<SelfUpgradeRecord> r = record();
        if (r.isEmpty()) {
            return;
        }
        runner.run(List.of("systemctl", "stop", WATCHER + ".timer", WATCHER + ".service"), SYSTEMCTL_TIMEOUT);
        runner.run(List.of("systemctl", "reset-failed", WATCHER + ".timer", WATCHER + ".service"), SYSTEMCTL_TIMEOUT);
        ProcessResult started = runner.run(List.of("systemd-run", "--unit=" + WATCHER, "--collect",
                "--on-active=" + Math.max(1, checkInWithin.toSeconds()) + "s", "--timer-property=AccuracySec=1s",
                // systemd-run looks the program up where it runs, in Berth's image, which has env and no shell; the
                // host has both, and runs it
                "/usr/bin/env", "sh", "-c", watcherScript(r.get())), SYSTEMCTL_TIMEOUT);
        if (!started.ok()) {
            throw new IOException("cannot start the watcher of Berth's upgrade (systemd-run): " + started.message());
        }
        save(r.get().armed());
    }

    /** The host's shell, run by the watcher: unless the new daemon checked in, the old unit file goes back. */
    String watcherScript(SelfUpgradeRecord r) {
        return "[ -e '" + files.path(CONFIRMED) + "' ] && exit 0; "
                + "cp '" + files.path(PREVIOUS) + "' '" + r.unitFile() + "' && systemctl daemon-reload && systemctl restart '" + r.unit() + "'";
    }

    /** The new daemon checked in: the watcher, if it has not fired, is stopped; the upgrade is over. */
    public void confirm() throws IOException {
        files.write(CONFIRMED, new byte[0]);
        runner.run(List.of("systemctl", "stop", WATCHER + ".timer"), SYSTEMCTL_TIMEOUT);
        finish();
    }

    /** Forgets the upgrade (after it was confirmed, or its rollback recorded). */
    public void finish() throws IOException {
        Files.deleteIfExists(files.path(RECORD));
        Files.deleteIfExists(files.path(PREVIOUS));
        Files.deleteIfExists(files.path(CONFIRMED));
    }

    private void save(SelfUpgradeRecord r) throws IOException {
        files.write(RECORD, Json.stateFiles().writeValueAsBytes(r));
    }

    private static Optional<byte[]> read(Path p) {
        try {
            return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

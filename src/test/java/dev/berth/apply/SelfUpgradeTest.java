package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.apply.SelfUpgrade.Verdict;
import dev.berth.host.ProcessResult;
import dev.berth.host.ProcessRunner;
import dev.berth.state.AppliedState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who keeps or rolls back an upgrade of Berth itself, from the files each step leaves (a kill may come at any step). */
class SelfUpgradeTest {
    private static final byte[] OLD = "Image=berth:1\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW = "Image=berth:2\n".getBytes(StandardCharsets.UTF_8);
    private static final AppliedState RUNNING = new AppliedState("c1", Map.of("quadlet/berth.container", "d1"), Map.of());

    @TempDir
    Path dir;
    private final List<List<String>> commands = new ArrayList<>();
    private int systemdRunExit = 0;
    private final ProcessRunner runner = new ProcessRunner() {
        @Override
        public ProcessResult run(List<String> command, Duration timeout) {
            commands.add(command);
            int exit = command.get(0).equals("systemd-run") ? systemdRunExit : 0;
            return new ProcessResult(exit, "", exit == 0 ? "" : "Failed to start transient timer unit", false);
        }
    };

    private Path unitFile() throws Exception {
        Path f = dir.resolve("etc/berth.container");
        Files.createDirectories(f.getParent());
        return f;
    }

    private SelfUpgrade upgrade() {
        return new SelfUpgrade(dir.resolve("state"), runner);
    }

    /** Berth's unit file changed from OLD to NEW for commit c2, and the watcher started, as the old daemon leaves it. */
    private SelfUpgrade armedUpgrade(Path unit) throws Exception {
        Files.write(unit, OLD);
        SelfUpgrade u = upgrade();
        u.prepare(RUNNING, "c2", "berth.service", unit);
        Files.write(unit, NEW);
        u.arm(Duration.ofSeconds(20));
        return u;
    }

    @Test
    void killedBeforeTheRestartNothingIsDecidedAndTheSyncCarriesOn() throws Exception {
        Path unit = Files.write(unitFile(), OLD);
        SelfUpgrade u = upgrade();
        u.prepare(RUNNING, "c2", "berth.service", unit);
        Files.write(unit, NEW);
        // killed here: whichever version systemd starts, its first sync goes on and restarts Berth (which arms)
        assertThat(u.verdict(true)).isEqualTo(Verdict.NONE);
        assertThat(u.verdict(false)).isEqualTo(Verdict.NONE);
    }

    @Test
    void theNewDaemonChecksInAndStopsTheWatcher() throws Exception {
        Path unit = unitFile();
        SelfUpgrade u = armedUpgrade(unit);
        assertThat(commands).anySatisfy(c -> assertThat(c).startsWith("systemd-run", "--unit=" + SelfUpgrade.WATCHER)
                .contains("--on-active=20s").containsSequence("/usr/bin/env", "sh", "-c"));
        // a sync that is not the new daemon's first (e.g. a CLI sync beside it) leaves the decision to the daemon
        assertThat(u.verdict(false)).isEqualTo(Verdict.WAIT);
        assertThat(u.verdict(true)).isEqualTo(Verdict.CONFIRM);
        u.confirm();
        assertThat(commands.getLast()).containsExactly("systemctl", "stop", SelfUpgrade.WATCHER + ".timer");
        assertThat(u.record()).isEmpty();
        assertThat(u.verdict(true)).isEqualTo(Verdict.NONE);
    }

    @Test
    void theOldVersionPutBackByTheWatcherFindsItsOwnUnitFileAndTheStateItHad() throws Exception {
        Path unit = unitFile();
        SelfUpgrade u = armedUpgrade(unit);
        String script = commands.stream().filter(c -> c.get(0).equals("systemd-run")).findFirst().orElseThrow().getLast();
        assertThat(script).contains("cp '" + dir.resolve("state/" + SelfUpgrade.PREVIOUS) + "' '" + unit + "'")
                .contains("systemctl restart 'berth.service'").startsWith("[ -e '" + dir.resolve("state/" + SelfUpgrade.CONFIRMED) + "' ] && exit 0");
        Files.write(unit, Files.readAllBytes(dir.resolve("state/" + SelfUpgrade.PREVIOUS))); // what the watcher's cp does
        assertThat(u.verdict(true)).isEqualTo(Verdict.ROLLED_BACK);
        assertThat(u.record().orElseThrow().previousApplied()).isEqualTo(RUNNING);
        assertThat(u.record().orElseThrow().toCommit()).isEqualTo("c2");
    }

    @Test
    void anUpgradeRetriedOrOvertakenKeepsTheUnitFileThatLastRan() throws Exception {
        Path unit = Files.write(unitFile(), OLD);
        SelfUpgrade u = upgrade();
        u.prepare(RUNNING, "c2", "berth.service", unit);
        Files.write(unit, NEW);
        // killed after the write; the retry (or a newer commit) prepares again with the new file already in place
        u.prepare(new AppliedState("c1", Map.of("quadlet/berth.container", "d2"), Map.of()), "c3", "berth.service", unit);
        assertThat(Files.readAllBytes(dir.resolve("state/" + SelfUpgrade.PREVIOUS))).isEqualTo(OLD);
        assertThat(u.record().orElseThrow().toCommit()).isEqualTo("c3");
        assertThat(u.record().orElseThrow().previousApplied()).isEqualTo(RUNNING);
    }

    @Test
    void berthsFirstUnitHasNothingToGoBackToAndStartsNoWatcher() throws Exception {
        SelfUpgrade u = upgrade();
        u.prepare(AppliedState.empty(), "c1", "berth.service", unitFile());
        u.arm(Duration.ofSeconds(20));
        assertThat(u.record()).isEmpty();
        assertThat(commands).isEmpty();
    }

    @Test
    void aWatcherThatCannotStartLeavesTheUpgradeUnarmedAndSaysWhy() throws Exception {
        Path unit = Files.write(unitFile(), OLD);
        SelfUpgrade u = upgrade();
        u.prepare(RUNNING, "c2", "berth.service", unit);
        systemdRunExit = 1;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> u.arm(Duration.ofSeconds(20)))
                .hasMessageContaining("systemd-run").hasMessageContaining("Failed to start transient timer unit");
        assertThat(u.record().orElseThrow().stage()).isEqualTo(SelfUpgradeRecord.Stage.PREPARED);
    }

    @Test
    void verdictNeedsAnArmedRecord() {
        SelfUpgradeRecord armed = new SelfUpgradeRecord(SelfUpgradeRecord.Stage.ARMED, "c1", "c2", "b.service", "/f", RUNNING);
        assertThat(SelfUpgrade.verdict(Optional.empty(), Optional.of(OLD), Optional.of(OLD), true)).isEqualTo(Verdict.NONE);
        assertThat(SelfUpgrade.verdict(Optional.of(armed), Optional.of(NEW), Optional.of(OLD), true)).isEqualTo(Verdict.CONFIRM);
        assertThat(SelfUpgrade.verdict(Optional.of(armed), Optional.of(OLD), Optional.of(OLD), false)).isEqualTo(Verdict.ROLLED_BACK);
        // the unit file gone (removed from the repository by hand on the host): the new daemon decides
        assertThat(SelfUpgrade.verdict(Optional.of(armed), Optional.empty(), Optional.of(OLD), true)).isEqualTo(Verdict.CONFIRM);
    }
}

package dev.berth.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state files in {@code src/test/resources/state-files} were written by Berth while results and reasons were
 * plain strings: they read back as the typed values, and writing those values gives the same bytes again (a host's
 * state folder survives an upgrade, and a downgrade reads what the new Berth wrote).
 */
class StateFileCompatibilityTest {
    private static final Path WRITTEN_BEFORE = Path.of("src/test/resources/state-files");

    @TempDir
    Path dir;

    @Test
    void historyReadsAsTypedValuesAndIsWrittenBackByteForByte() throws Exception {
        List<Deployment> history = new StateStore(WRITTEN_BEFORE).history();

        assertThat(history).extracting(Deployment::reason).containsExactly(
                DeploymentReason.INIT, DeploymentReason.SYNC, DeploymentReason.INTERVAL, DeploymentReason.START,
                DeploymentReason.SIGHUP, DeploymentReason.CONTROL_SOCKET, DeploymentReason.MCP, DeploymentReason.SWITCH,
                DeploymentReason.ROLLBACK, DeploymentReason.REWIND, DeploymentReason.AUTO_ROLLBACK, DeploymentReason.MCP);
        assertThat(history).extracting(Deployment::result).containsExactly(
                SyncResult.OK, SyncResult.OK, SyncResult.FAILED, SyncResult.OK, SyncResult.OK, SyncResult.OK, SyncResult.OK,
                SyncResult.OK, SyncResult.OK, SyncResult.OK, SyncResult.OK, SyncResult.ROLLED_BACK);

        StateStore rewritten = new StateStore(dir);
        for (Deployment d : history) {
            rewritten.appendHistory(d);
        }
        assertThat(Files.readAllBytes(dir.resolve("history.json")))
                .isEqualTo(Files.readAllBytes(WRITTEN_BEFORE.resolve("history.json")));
    }

    @Test
    void lastSyncReportReadsAsTypedValueAndIsWrittenBackByteForByte() throws Exception {
        SyncReport report = new StateStore(WRITTEN_BEFORE).lastSync().orElseThrow();

        assertThat(report.result()).isEqualTo(SyncResult.FAILED);

        new StateStore(dir).saveLastSync(report);
        assertThat(Files.readAllBytes(dir.resolve("last-sync.json")))
                .isEqualTo(Files.readAllBytes(WRITTEN_BEFORE.resolve("last-sync.json")));
    }

    @Test
    void everyReasonAndResultHasTheWordBerthAlwaysRecorded() throws Exception {
        // the words the string constants and literals of earlier Berths wrote, so files written by either read in the other
        assertThat(List.of(DeploymentReason.values())).extracting(DeploymentReason::word).containsExactly(
                "init", "sync", "switch", "rollback", "auto-rollback", "rewind", "dry-run", "plan", "start", "interval",
                "SIGHUP", "control socket", "mcp", "mcp plan", "console", "console plan", "webhook");
        assertThat(List.of(SyncResult.values())).extracting(SyncResult::word).containsExactly("ok", "failed", "rolled-back");
        for (DeploymentReason reason : DeploymentReason.values()) {
            assertThat(StateStore.json().readValue(StateStore.json().writeValueAsString(reason), DeploymentReason.class))
                    .isEqualTo(reason);
        }
    }
}

package dev.berth.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that writes and reads every state file loads no Jackson databind class: what keeps a CLI
 * {@code sync} or {@code status} without a daemon from paying for databind's set-up (see {@link StateForm}).
 * Runs in a JVM of its own, since this one has loaded databind for other tests long ago.
 */
class StateFilesWithoutDatabindTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    @Test
    void everyStateFileIsWrittenAndReadWithoutLoadingDatabind() throws Exception {
        Path log = dir.resolve("classes.log");
        Process child = new ProcessBuilder(JAVA, "-Xlog:class+load=info:file=" + log, "-cp",
                System.getProperty("java.class.path"), EveryStateFile.class.getName(), dir.resolve("state").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ends").isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();

        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).as("the child wrote and read the state files").anyMatch(l -> l.contains("dev.berth.state.StateForms "));
        assertThat(loaded).filteredOn(l -> l.contains("com.fasterxml.jackson.databind.")).isEmpty();
    }

    /** The child: every state file written, then read back (a CLI sync reads and writes these). */
    public static final class EveryStateFile {
        public static void main(String[] args) throws Exception {
            Path state = Path.of(args[0]);
            Files.createDirectories(state);
            StateStore store = new StateStore(state);
            store.saveConfig(new BerthConfig("/srv/repo", "refs/heads/main", null, 60, null, null, null, "h", Map.of("a", "b")));
            store.saveApplied(new AppliedState("c1", Map.of("web.container", "sha256:1"),
                    Map.of("web.container", new AppliedUnit("web.container", "web.service", "d", true, List.of()))));
            store.appendHistory(new Deployment("c1", "first", 1, SyncResult.OK, DeploymentReason.SYNC));
            store.saveLastSync(new SyncReport(1, SyncResult.FAILED, "c1", "no",
                    List.of(new UnitFailure("web.container", "web.service", "died", List.of("line"))), List.of()));
            SafetyStore safety = new SafetyStore(state);
            safety.saveSettings(SafetySettings.DEFAULTS.withAdopted("x.service"));
            safety.saveRejected(new RejectedCommit("c0", "did not come up", 2));
            StateStore again = new StateStore(state);
            if (!again.config().hostName().equals("h") || !again.applied().commit().equals("c1")
                    || again.history().size() != 1 || again.lastSync().orElseThrow().failedUnits().size() != 1
                    || !safety.settings().adopted().equals(List.of("x.service")) || safety.rejected().isEmpty()) {
                throw new AssertionError("a state file did not read back");
            }
        }
    }
}

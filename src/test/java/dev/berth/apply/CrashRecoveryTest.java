package dev.berth.apply;

import dev.berth.pipeline.SyncOptions;
import dev.berth.pipeline.Deployer;
import dev.berth.desired.CheckedRepositoryLoader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.TestGitRepo;
import dev.berth.host.FileTrees;
import dev.berth.host.HostLayout;
import dev.berth.secret.SecretStep;
import dev.berth.state.BerthConfig;
import dev.berth.state.DeploymentReason;
import dev.berth.state.StateStore;
import dev.berth.state.SyncReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host states a kill -9 between two steps leaves, found by CrashSafetyIT's walk, each followed by the
 * next sync: it finishes the job instead of failing or stopping short.
 */
class CrashRecoveryTest {
    @TempDir
    Path tmp;

    private TestGitRepo repo;
    private HostLayout layout;
    private StateStore store;
    private final RecordingSystemd systemd = new RecordingSystemd();
    private final List<String> secretCalls = new ArrayList<>();
    private Deployer deployer;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestGitRepo.create(tmp.resolve("remote"));
        repo.write("web/web.container", "[Container]\nImage=localhost/x\nEnvironmentFile=./web.env\n")
                .write("web/web.env", "A=1\n")
                .write("db.container", "[Container]\nImage=localhost/db\n");
        repo.commit("first");
        layout = new HostLayout(false, tmp.resolve("state"), tmp.resolve("quadlets/berth"), tmp.resolve("units"), tmp.resolve("run"));
        store = new StateStore(layout.stateDir());
        deployer = new Deployer(layout, store, systemd, new CheckedRepositoryLoader(), line -> { }, Clock.systemUTC(), Duration.ZERO)
                .withSecrets(new SecretStep() {
                    @Override
                    public void install(Path checkout, Consumer<String> progress) {
                        secretCalls.add("install");
                    }

                    @Override
                    public void removeGone(Path checkout, Consumer<String> progress) {
                        secretCalls.add("removeGone");
                    }
                });
        deployer.init(new BerthConfig(repo.url(), null, "", 60, null, null, null));
        systemd.takeCalls();
        secretCalls.clear();
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void aFolderAKilledRunAlreadyRemovedDoesNotFailTheRemoval() throws Exception {
        repo.delete("web/web.container").delete("web/web.env").commit("web goes");
        // killed after it deleted web/ (its last file, then the empty folder) but before it recorded that
        FileTrees.deleteRecursively(layout.quadletDir().resolve("web"));

        SyncOutcome out = deployer.run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.ok()).as("%s", out.report().error()).isTrue();
        assertThat(store.applied().files()).doesNotContainKeys("quadlet/web/web.container", "quadlet/web/web.env");
        assertThat(layout.quadletDir().resolve("web")).doesNotExist();
        assertThat(systemd.takeCalls()).contains("stop web.service");
    }

    @Test
    void aSyncKilledAfterItRecordedTheCommitIsFinishedByTheNext() throws Exception {
        SyncReport first = store.lastSync().orElseThrow();
        repo.write("db.container", "[Container]\nImage=localhost/db2\n").commit("db changes");
        assertThat(deployer.run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();
        String second = store.applied().commit();
        // as if killed right after applied.json recorded the second commit: no report, no history entry, secrets not pruned
        store.saveLastSync(first);
        var history = store.history();
        java.nio.file.Files.write(store.dir().resolve("history.json"),
                StateStore.json().writeValueAsBytes(history.subList(0, history.size() - 1)));
        secretCalls.clear();
        systemd.takeCalls();

        SyncOutcome out = deployer.run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.ok()).isTrue();
        assertThat(secretCalls).as("the secrets the commit no longer has are removed").contains("removeGone");
        assertThat(store.lastSync().orElseThrow().commit()).isEqualTo(second);
        assertThat(store.history()).last().extracting(d -> d.commit()).isEqualTo(second);
        assertThat(systemd.takeCalls()).as("the units are left alone").isEmpty();
    }

    @Test
    void filesWrittenByARunKilledBeforeItsDaemonReloadAreLoadedBeforeTheUnitsStart() throws Exception {
        repo.write("api.container", "[Container]\nImage=localhost/api\n").commit("api arrives");
        String before = store.applied().commit();
        // killed right after it wrote and recorded api.container, before its daemon-reload
        java.nio.file.Files.writeString(layout.quadletDir().resolve("api.container"), "[Container]\nImage=localhost/api\n");
        var applied = store.applied();
        var files = new java.util.LinkedHashMap<>(applied.files());
        files.put("quadlet/api.container", dev.berth.repo.Sha256.of("[Container]\nImage=localhost/api\n".getBytes()));
        store.saveApplied(new dev.berth.state.AppliedState(before, files, applied.units()));

        SyncOutcome out = deployer.run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.ok()).as("%s", out.report().error()).isTrue();
        assertThat(systemd.takeCalls()).containsSubsequence("daemon-reload", "start api.service");
    }

    @Test
    void aFinishedSyncIsNotRepeated() throws Exception {
        int entries = store.history().size();

        deployer.run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(secretCalls).isEmpty();
        assertThat(store.history()).hasSize(entries);
    }
}

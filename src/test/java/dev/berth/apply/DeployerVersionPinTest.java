package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.desired.CheckedRepositoryLoader;
import dev.berth.git.TestGitRepo;
import dev.berth.host.HostLayout;
import dev.berth.pipeline.Deployer;
import dev.berth.pipeline.SyncOptions;
import dev.berth.state.BerthConfig;
import dev.berth.state.DeploymentReason;
import dev.berth.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth.toml's [berth] version, through the whole deploy flow: a commit asking for another Berth is refused and changes nothing. */
class DeployerVersionPinTest {
    @TempDir
    Path tmp;

    private TestGitRepo repo;
    private final RecordingSystemd systemd = new RecordingSystemd();
    private final List<String> progress = new ArrayList<>();

    @AfterEach
    void tearDown() {
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    void aCommitPinningAnotherBerthVersionIsRefusedAndChangesNothing() throws Exception {
        repo = TestGitRepo.create(tmp.resolve("remote"));
        repo.write("web.container", "[Container]\nImage=localhost/x\nEnvironment=V=1\n");
        String good = repo.commit("good");
        HostLayout layout = new HostLayout(false, tmp.resolve("state"), tmp.resolve("quadlets/berth"), tmp.resolve("units"), tmp.resolve("run"));
        StateStore store = new StateStore(layout.stateDir());
        Deployer deployer = new Deployer(layout, store, systemd, new CheckedRepositoryLoader(), progress::add, Clock.systemUTC(),
                Duration.ZERO, dev.berth.build.BuildStep.NONE, u -> Optional.empty());
        assertThat(deployer.init(new BerthConfig(repo.url(), null, "", 60, null, null, null)).ok()).isTrue();
        systemd.takeCalls();

        // the pinned commit also says something this Berth does not know: the version is what it is told about
        repo.write("berth.toml", "# needs the next release\n[berth]\nversion = \"9.9.*\"\nsurprise = true\n")
                .write("web.container", "[Container]\nImage=localhost/x\nEnvironment=V=2\n");
        String pinned = repo.commit("needs Berth 9.9");
        SyncOutcome out = deployer.run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.ok()).isFalse();
        assertThat(out.ending().refusal()).get().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Refusal.Kind.VERSION);
            assertThat(r.commit()).isEqualTo(pinned);
        });
        assertThat(out.report().error()).contains("berth.toml line 3 asks for Berth 9.9.*")
                .contains("this host runs Berth " + dev.berth.fleet.VersionPin.running()).contains("Install Berth 9.9.*")
                .doesNotContain("surprise");
        assertThat(systemd.takeCalls()).isEmpty();
        assertThat(layout.quadletDir().resolve("web.container")).content().contains("V=1");
        assertThat(store.applied().commit()).isEqualTo(good);
    }
}

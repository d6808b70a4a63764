package dev.berth.apply;

import dev.berth.pipeline.SyncOptions;
import dev.berth.pipeline.Deployer;
import dev.berth.desired.CheckedRepositoryLoader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.SshSigningKey;
import dev.berth.git.TestGitRepo;
import dev.berth.host.ContainerHealth;
import dev.berth.host.HostLayout;
import dev.berth.state.BerthConfig;
import dev.berth.state.Deployment;
import dev.berth.state.DeploymentReason;
import dev.berth.state.SafetySettings;
import dev.berth.state.SafetyStore;
import dev.berth.state.StateStore;
import dev.berth.status.StatusCollector;
import dev.berth.status.StatusReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.ResetCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The followed ref moved back (a rewind or freeze attack: an older signed commit force-pushed) and a branch
 * named like a followed tag, through the whole deploy flow on a real clone; the host's systemd is recorded.
 */
class DeployerRewindAndRefTest {
    @TempDir
    Path tmp;

    private TestGitRepo repo;
    private HostLayout layout;
    private StateStore store;
    private SafetyStore safety;
    private final RecordingSystemd systemd = new RecordingSystemd();
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        repo = TestGitRepo.create(tmp.resolve("remote"));
        layout = new HostLayout(false, tmp.resolve("state"), tmp.resolve("quadlets/berth"), tmp.resolve("units"), tmp.resolve("run"));
        store = new StateStore(layout.stateDir());
        safety = new SafetyStore(layout.stateDir());
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private Deployer deployer() {
        return new Deployer(layout, store, systemd, new CheckedRepositoryLoader(), progress::add, Clock.systemUTC(), Duration.ZERO);
    }

    private SyncOutcome init(String ref) throws Exception {
        return deployer().init(new BerthConfig(repo.url(), ref, "", 60, null, null, null));
    }

    private String db(String image) {
        return "[Container]\nImage=localhost/" + image + "\n";
    }

    private void forcePushBackTo(String commit) throws Exception {
        repo.git().reset().setMode(ResetCommand.ResetType.HARD).setRef(commit).call();
    }

    private StatusReport status() throws Exception {
        return new StatusCollector(layout, store, systemd, ContainerHealth.NONE).collect();
    }

    @Test
    void withVerificationAnOlderSignedCommitIsRefusedNamingBothUntilTheOperatorAcceptsIt() throws Exception {
        SshSigningKey key = SshSigningKey.generate(tmp.resolve("key"));
        Path allowed = Files.writeString(tmp.resolve("allowed_signers"), key.allowedSignersLine("ops@example.invalid"));
        safety.saveSettings(SafetySettings.DEFAULTS.withAllowedSigners(allowed.toString()));
        String old = repo.write("db.container", db("vulnerable")).commitSigned("old, vulnerable", key);
        assertThat(init(null).ok()).as(String.join("\n", progress)).isTrue();
        String fixed = repo.write("db.container", db("fixed")).commitSigned("security fix", key);
        assertThat(deployer().run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();
        systemd.takeCalls();

        forcePushBackTo(old);
        SyncOutcome out = deployer().run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.ok()).isFalse();
        assertThat(out.report().error()).contains("commit " + old.substring(0, 12) + " (old, vulnerable) is refused")
                .contains("does not descend from the deployed commit " + fixed.substring(0, 12) + " (security fix)")
                .contains("berth rollback " + old.substring(0, 12));
        assertThat(layout.quadletDir().resolve("db.container")).content().contains("fixed");
        assertThat(systemd.takeCalls()).isEmpty();
        assertThat(store.applied().commit()).isEqualTo(fixed);
        assertThat(status().lastSync().error()).contains(old.substring(0, 12)).contains(fixed.substring(0, 12));
        assertThat(status().pending().id()).isEqualTo(old);

        // the operator accepts it, explicitly
        SyncOutcome accepted = deployer().rollback(old.substring(0, 12));
        assertThat(accepted.ok()).as(String.join("\n", progress)).isTrue();
        assertThat(store.applied().commit()).isEqualTo(old);
        assertThat(layout.quadletDir().resolve("db.container")).content().contains("vulnerable");
        assertThat(store.history().getLast().reason()).isEqualTo(DeploymentReason.ROLLBACK);

        // and the branch goes on from there as usual
        String next = repo.write("db.container", db("next")).commitSigned("next", key);
        assertThat(deployer().run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();
        assertThat(store.applied().commit()).isEqualTo(next);
    }

    @Test
    void withVerificationARewrittenHistoryIsRefusedToo() throws Exception {
        SshSigningKey key = SshSigningKey.generate(tmp.resolve("key"));
        Path allowed = Files.writeString(tmp.resolve("allowed_signers"), key.allowedSignersLine("ops@example.invalid"));
        safety.saveSettings(SafetySettings.DEFAULTS.withAllowedSigners(allowed.toString()));
        String base = repo.write("db.container", db("a")).commitSigned("base", key);
        assertThat(init(null).ok()).isTrue();
        String deployed = repo.write("db.container", db("b")).commitSigned("b", key);
        assertThat(deployer().run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();
        forcePushBackTo(base);
        String sideways = repo.write("db.container", db("c")).commitSigned("c, on another line", key);

        SyncOutcome out = deployer().run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.ok()).isFalse();
        assertThat(out.report().error()).contains(sideways.substring(0, 12)).contains("does not descend from the deployed commit "
                + deployed.substring(0, 12));
        assertThat(store.applied().commit()).isEqualTo(deployed);
    }

    @Test
    void statusNamesTheCommitsAuthorAndSignatureAndTheLastNotification() throws Exception {
        repo.write("db.container", db("old")).commit("old");
        assertThat(init(null).ok()).isTrue();
        assertThat(status().deployed().author()).isEqualTo("t <t@example.invalid>");
        assertThat(status().deployed().signature()).isEqualTo(dev.berth.git.SignatureStatus.NOT_REQUIRED);
        assertThat(status().lastNotification()).as("the notifier never ran here").isNull();
        java.nio.file.Files.writeString(layout.stateDir().resolve(dev.berth.status.NotifyStatus.FILE), """
                {"lastSent":{"at":"2026-01-01T00:00:00Z","channel":"ops","kind":"deployed","commit":"abc"},
                 "lastError":{"at":"2026-01-01T00:01:00Z","channel":"mail","kind":"failed","message":"SMTP: refused"},"dropped":0}
                """);
        assertThat(status().lastNotification().lastError().message()).isEqualTo("SMTP: refused");
        assertThat(status().lastNotification().lastSent().kind()).isEqualTo("deployed");
    }

    @Test
    void withoutVerificationARewindIsDeployedButRecordedAsARewindInHistoryAndStatus() throws Exception {
        String old = repo.write("db.container", db("old")).commit("old");
        assertThat(init(null).ok()).isTrue();
        String newer = repo.write("db.container", db("newer")).commit("newer");
        assertThat(deployer().run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();
        assertThat(status().rewoundFrom()).as("an ordinary deployment is no rewind").isNull();

        forcePushBackTo(old);
        SyncOutcome out = deployer().run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.ok()).isTrue();
        assertThat(store.applied().commit()).isEqualTo(old);
        Deployment last = store.history().getLast();
        assertThat(last.reason()).isEqualTo(DeploymentReason.REWIND);
        assertThat(last.rewoundFrom()).isEqualTo(newer);
        assertThat(progress).anyMatch(l -> l.contains("does not descend from the deployed commit " + newer.substring(0, 12)));
        assertThat(status().rewoundFrom().id()).isEqualTo(newer);

        // a later ordinary commit is an ordinary deployment again
        repo.write("db.container", db("later")).commit("later");
        assertThat(deployer().run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();
        assertThat(store.history().getLast().reason()).isEqualTo(DeploymentReason.SYNC);
        assertThat(status().rewoundFrom()).isNull();
    }

    @Test
    void theRefIsRecordedInFullAndABranchNamedLikeTheFollowedTagIsNotDeployed() throws Exception {
        String released = repo.write("db.container", db("released")).commit("release 1");
        repo.git().tag().setName("release").call();
        assertThat(init("release").ok()).as(String.join("\n", progress)).isTrue();
        assertThat(store.config().ref()).isEqualTo("refs/tags/release");

        repo.write("db.container", db("evil")).commit("evil");
        repo.git().branchCreate().setName("release").call(); // a pushed branch named like the tag
        SyncOutcome out = deployer().run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.ok()).isTrue();
        assertThat(store.applied().commit()).isEqualTo(released);
        assertThat(layout.quadletDir().resolve("db.container")).content().contains("released");
        assertThat(status().ref()).isEqualTo("refs/tags/release");
        assertThat(status().pending()).as("the branch is not even waiting").isNull();
    }

    @Test
    void aNameThatIsBothABranchAndATagAtInitIsAnErrorNamingBothFullNames() throws Exception {
        repo.write("db.container", db("x")).commit("x");
        repo.git().tag().setName("release").call();
        repo.git().branchCreate().setName("release").call();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> init("release"))
                .hasMessageContaining("'release' is both a branch and a tag")
                .hasMessageContaining("--ref refs/tags/release").hasMessageContaining("--ref refs/heads/release");
        assertThat(store.isInitialized()).isFalse();

        assertThat(init("refs/heads/release").ok()).isTrue();
        assertThat(store.config().ref()).isEqualTo("refs/heads/release");
    }

    @Test
    void theDefaultBranchIsRecordedInFullAtInit() throws Exception {
        repo.write("db.container", db("x")).commit("x");
        assertThat(init(null).ok()).isTrue();
        assertThat(store.config().ref()).isEqualTo("refs/heads/main");
    }

    @Test
    void stateOfAnEarlierBerthWithAShortRefIsResolvedOnceAndRecordedInFull() throws Exception {
        repo.write("db.container", db("x")).commit("x");
        assertThat(init(null).ok()).isTrue();
        // config.json as the previous version wrote it: the ref by its short name
        Files.writeString(layout.stateDir().resolve("config.json"),
                Files.readString(layout.stateDir().resolve("config.json")).replace("\"refs/heads/main\"", "\"main\""));
        assertThat(store.config().ref()).isEqualTo("main");

        String next = repo.write("db.container", db("y")).commit("y");
        assertThat(deployer().run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();

        assertThat(store.config().ref()).isEqualTo("refs/heads/main");
        assertThat(store.applied().commit()).isEqualTo(next);
        assertThat(progress).anyMatch(l -> l.contains("following refs/heads/main"));
    }

    @Test
    void anEarlierStateFollowingATagThatABranchNowShadowsKeepsFollowingTheTag() throws Exception {
        String released = repo.write("db.container", db("released")).commit("release 1");
        repo.git().tag().setName("release").call();
        assertThat(init("release").ok()).isTrue();
        Files.writeString(layout.stateDir().resolve("config.json"),
                Files.readString(layout.stateDir().resolve("config.json")).replace("\"refs/tags/release\"", "\"release\""));
        // the attack, already pushed when this version first runs: the previous one would deploy the branch
        repo.write("db.container", db("evil")).commit("evil");
        repo.git().branchCreate().setName("release").call();

        assertThat(deployer().run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();

        assertThat(store.config().ref()).as("the one the deployed commit came from").isEqualTo("refs/tags/release");
        assertThat(store.applied().commit()).isEqualTo(released);
    }
}

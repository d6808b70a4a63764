package dev.berth.apply;

import dev.berth.pipeline.SyncOptions;
import dev.berth.pipeline.Deployer;
import dev.berth.desired.CheckedRepositoryLoader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.SshSigningKey;
import dev.berth.git.TestGitRepo;
import dev.berth.host.HostLayout;
import dev.berth.state.BerthConfig;
import dev.berth.state.DeploymentReason;
import dev.berth.state.SafetySettings;
import dev.berth.state.SafetyStore;
import dev.berth.state.StateStore;
import dev.berth.state.SyncReport;
import dev.berth.state.SyncResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health-gated rollout, automatic rollback, signed commits and reserved names, through the whole deploy flow. */
class DeployerSafetyTest {
    @TempDir
    Path tmp;

    private TestGitRepo repo;
    private HostLayout layout;
    private StateStore store;
    private SafetyStore safety;
    private final RecordingSystemd systemd = new RecordingSystemd();
    private final List<String> progress = new ArrayList<>();
    /** systemd names the fake health gate calls unhealthy while their installed env file says V=2 (the bad version) */
    private final Set<String> unhealthy = new HashSet<>();
    private final HealthGate gate = u -> unhealthy.contains(u.systemdName()) && installedEnvIsBad()
            ? Optional.of(u.systemdName() + " did not become healthy within 1 s") : Optional.empty();

    private boolean installedEnvIsBad() {
        try {
            return Files.readString(layout.quadletDir().resolve("web/web.env")).contains("V=2");
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        repo = TestGitRepo.create(tmp.resolve("remote"));
        repo.write("web/web.container", "[Container]\nImage=localhost/x\nEnvironmentFile=./web.env\n")
                .write("web/web.env", "V=1\n")
                .write("db.container", "[Container]\nImage=localhost/db\n");
        repo.commit("good");
        layout = new HostLayout(false, tmp.resolve("state"), tmp.resolve("quadlets/berth"), tmp.resolve("units"), tmp.resolve("run"));
        store = new StateStore(layout.stateDir());
        safety = new SafetyStore(layout.stateDir());
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private Deployer deployer() {
        return new Deployer(layout, store, systemd, new CheckedRepositoryLoader(), progress::add, Clock.systemUTC(),
                Duration.ZERO, dev.berth.build.BuildStep.NONE, gate);
    }

    private String init() throws Exception {
        SyncOutcome out = deployer().init(new BerthConfig(repo.url(), null, "", 60, null, null, null));
        assertThat(out.ok()).as(String.join("\n", progress)).isTrue();
        systemd.takeCalls();
        return out.commit();
    }

    @Test
    void anUnhealthyCommitIsRolledBackAndNotRetriedUntilANewCommit() throws Exception {
        String good = init();
        repo.write("web/web.env", "V=2\n").write("extra.container", "[Container]\nImage=localhost/extra\n");
        String bad = repo.commit("breaks web");
        unhealthy.add("web.service");

        SyncOutcome out = deployer().run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.ok()).isFalse();
        assertThat(out.report().error()).contains("rolled back to " + good.substring(0, 12)).contains("not tried again");
        assertThat(out.report().failedUnits()).extracting(f -> f.systemdName()).containsExactly("web.service");
        assertThat(layout.quadletDir().resolve("web/web.env")).as("the good file is back").hasContent("V=1");
        assertThat(layout.quadletDir().resolve("extra.container")).as("what the bad commit added is gone").doesNotExist();
        List<String> calls = systemd.takeCalls();
        assertThat(calls).as("web restarted on the bad files, then again on the good ones")
                .containsSubsequence("restart web.service", "stop extra.service", "restart web.service");
        assertThat(store.applied().commit()).isEqualTo(good);
        assertThat(store.applied().units()).containsOnlyKeys("web.container", "db.container");
        assertThat(safety.rejected()).get().satisfies(r -> assertThat(r.commit()).isEqualTo(bad));
        assertThat(store.history()).extracting(d -> d.result() + " " + d.commit().substring(0, 7))
                .containsSubsequence(SyncResult.ROLLED_BACK.word() + " " + bad.substring(0, 7), "ok " + good.substring(0, 7));

        // the same head again: refused without touching anything
        unhealthy.clear();
        SyncOutcome again = deployer().run(SyncOptions.apply(DeploymentReason.SYNC));
        assertThat(again.ok()).isFalse();
        assertThat(again.report().error()).contains("was rolled back").contains("push a new commit");
        assertThat(systemd.takeCalls()).isEmpty();
        assertThat(store.applied().commit()).isEqualTo(good);

        // a new commit is tried
        repo.write("web/web.env", "V=3\n");
        String fixed = repo.commit("fix web");
        SyncOutcome next = deployer().run(SyncOptions.apply(DeploymentReason.SYNC));
        assertThat(next.ok()).isTrue();
        assertThat(store.applied().commit()).isEqualTo(fixed);
        assertThat(layout.quadletDir().resolve("web/web.env")).hasContent("V=3");
    }

    /** The real preparation of builds (epochs from the clone's history), with Podman's version answered and builds recorded. */
    private static final class RecordedBuilds implements dev.berth.build.BuildStep {
        private static final dev.berth.host.ProcessRunner PODMAN_5_4 = new dev.berth.host.ProcessRunner() {
            @Override
            public dev.berth.host.ProcessResult run(List<String> command, byte[] stdin, Duration timeout) {
                return new dev.berth.host.ProcessResult(0, "{\"Client\":{\"Version\":\"5.4.2\"}}", "", false);
            }
        };
        private final dev.berth.build.ReproducibleBuilds real = new dev.berth.build.ReproducibleBuilds(PODMAN_5_4,
                new dev.berth.host.PodmanCli(PODMAN_5_4), new dev.berth.build.CleanEnvironmentRunner(), false);
        final List<String> built = new ArrayList<>();

        @Override
        public dev.berth.repo.DesiredState prepare(dev.berth.repo.DesiredState desired, Source source,
                                                   java.util.function.Consumer<String> progress) throws dev.berth.build.BuildException {
            return real.prepare(desired, source, progress);
        }

        @Override
        public void buildChanged(dev.berth.plan.Plan plan, dev.berth.repo.DesiredState desired, Path checkout,
                                 java.util.function.Consumer<String> progress) {
            plan.actions().stream().filter(a -> "img.build".equals(a.unit())
                            && (a.type() == dev.berth.plan.ActionType.START || a.type() == dev.berth.plan.ActionType.RESTART))
                    .forEach(a -> built.add(a.unit()));
        }
    }

    @Test
    void anAutomaticRollbackKeepsTheReproducibleBuildDropInAndLeavesTheBuildAlone() throws Exception {
        repo.write("img/img.build", "[Build]\nImageTag=localhost/img\nSetWorkingDirectory=unit\n")
                .write("img/Containerfile", "FROM localhost/base\n").commit("good, with a build");
        RecordedBuilds builds = new RecordedBuilds();
        java.util.function.Supplier<Deployer> deployer = () -> new Deployer(layout, store, systemd,
                new CheckedRepositoryLoader(), progress::add, Clock.systemUTC(), Duration.ZERO, builds, gate);
        SyncOutcome first = deployer.get().init(new BerthConfig(repo.url(), null, "", 60, null, null, null));
        assertThat(first.ok()).as(String.join("\n", progress)).isTrue();
        String good = first.commit();
        Path dropIn = layout.quadletDir().resolve("img/img.build.d/" + dev.berth.build.ReproducibleDropIn.FILE_NAME);
        assertThat(dropIn).exists();
        String dropInContent = Files.readString(dropIn);
        String buildDigest = store.applied().units().get("img.build").inputDigest();
        assertThat(builds.built).containsExactly("img.build");
        builds.built.clear();
        systemd.takeCalls();

        repo.write("web/web.env", "V=2\n").commit("breaks web, leaves the build alone");
        unhealthy.add("web.service");
        SyncOutcome out = deployer.get().run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.report().error()).as(String.join("\n", progress)).contains("rolled back to " + good.substring(0, 12));
        assertThat(store.applied().commit()).isEqualTo(good);
        assertThat(dropIn).as("the rollback installs the good commit's drop-in, unchanged").hasContent(dropInContent);
        assertThat(store.applied().units().get("img.build").inputDigest()).isEqualTo(buildDigest);
        assertThat(systemd.takeCalls()).as("the build unit is neither restarted nor stopped")
                .contains("restart web.service").noneMatch(c -> c.contains("img-build"));
        assertThat(builds.built).as("nothing rebuilt").isEmpty();
        assertThat(store.applied().files()).containsKey(dev.berth.repo.InstalledFile.QUADLET_PREFIX + "img/img.build.d/"
                + dev.berth.build.ReproducibleDropIn.FILE_NAME);

        // a later sync of the good commit finds nothing to do: rollback and deploy prepared the same state
        unhealthy.clear();
        SyncOutcome again = deployer.get().run(SyncOptions.apply(DeploymentReason.SYNC));
        assertThat(again.plan().isEmpty()).as(String.valueOf(again.plan())).isTrue();

        // 'berth rollback' from a newer good commit: the same drop-in again, the build left alone
        repo.write("web/web.env", "V=3\n").commit("fixes web");
        assertThat(deployer.get().run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();
        systemd.takeCalls();
        builds.built.clear();
        SyncOutcome pinned = deployer.get().rollback(good);
        assertThat(pinned.ok()).as(String.join("\n", progress)).isTrue();
        assertThat(store.applied().commit()).isEqualTo(good);
        assertThat(dropIn).hasContent(dropInContent);
        assertThat(systemd.takeCalls()).contains("restart web.service").noneMatch(c -> c.contains("img-build"));
        assertThat(builds.built).isEmpty();
    }

    @Test
    void failuresWhileBerthIsBeingStoppedNeitherRollBackNorRejectTheCommit() throws Exception {
        String good = init();
        repo.write("web/web.env", "V=2\n").commit("fine, but the daemon is stopped mid-apply");
        unhealthy.add("web.service"); // as systemd's SIGTERM to the unit's processes makes its calls fail
        StopRequest.request();
        try {
            SyncOutcome out = deployer().run(SyncOptions.apply(DeploymentReason.SYNC));

            assertThat(out.ok()).isFalse();
            assertThat(out.report().error()).contains("interrupted").contains("next sync converges");
            assertThat(safety.rejected()).as("not marked bad").isEmpty();
            assertThat(layout.quadletDir().resolve("web/web.env")).as("no rollback").hasContent("V=2");
            assertThat(store.applied().commit()).isEqualTo(good);
        } finally {
            StopRequest.clear();
        }
        unhealthy.clear();
        assertThat(deployer().run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).as("the next start converges").isTrue();
    }

    @Test
    void withNoRollbackTheFailedCommitStaysAndIsRetried() throws Exception {
        String good = init();
        repo.write("web/web.env", "V=2\n").commit("breaks web");
        unhealthy.add("web.service");

        SyncOutcome out = deployer().keepFailedState().run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.ok()).isFalse();
        assertThat(out.report().error()).contains("the next sync retries them");
        assertThat(layout.quadletDir().resolve("web/web.env")).hasContent("V=2");
        assertThat(store.applied().commit()).isEqualTo(good);
        assertThat(safety.rejected()).isEmpty();

        unhealthy.clear();
        assertThat(deployer().run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();
    }

    @Test
    void noRollbackCanBeTheHostsSetting() throws Exception {
        init();
        safety.saveSettings(SafetySettings.DEFAULTS.withNoRollback(true));
        repo.write("web/web.env", "V=2\n").commit("breaks web");
        unhealthy.add("web.service");

        deployer().run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(layout.quadletDir().resolve("web/web.env")).hasContent("V=2");
        assertThat(safety.rejected()).isEmpty();
    }

    @Test
    void unsignedCommitsAreRefusedAndTheLastGoodDeploymentStays() throws Exception {
        SshSigningKey key = SshSigningKey.generate(tmp.resolve("key"));
        Path allowed = tmp.resolve("allowed_signers");
        Files.writeString(allowed, key.allowedSignersLine("ops@example.invalid"));
        repo.write("db.container", "[Container]\nImage=localhost/db\nEnvironment=A=1\n");
        String signed = repo.commitSigned("signed", key);
        safety.saveSettings(SafetySettings.DEFAULTS.withAllowedSigners(allowed.toString()));
        assertThat(init()).isEqualTo(signed);

        repo.write("db.container", "[Container]\nImage=localhost/evil\n");
        String unsigned = repo.commit("unsigned");
        SyncOutcome out = deployer().run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.ok()).isFalse();
        assertThat(out.report().error()).contains(unsigned.substring(0, 12)).contains("not signed")
                .contains("stays on " + signed.substring(0, 12));
        assertThat(layout.quadletDir().resolve("db.container")).content().doesNotContain("evil");
        assertThat(systemd.takeCalls()).isEmpty();

        repo.write("db.container", "[Container]\nImage=localhost/db2\n");
        String next = repo.commitSigned("signed again", key);
        assertThat(deployer().run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();
        assertThat(store.applied().commit()).isEqualTo(next);
    }

    @Test
    void anUnsignedFirstCommitAppliesNothing() throws Exception {
        Path allowed = tmp.resolve("allowed_signers");
        Files.writeString(allowed, SshSigningKey.generate(tmp.resolve("key")).allowedSignersLine("ops@example.invalid"));
        safety.saveSettings(SafetySettings.DEFAULTS.withAllowedSigners(allowed.toString()));

        SyncOutcome out = deployer().init(new BerthConfig(repo.url(), null, "", 60, null, null, null));

        assertThat(out.ok()).isFalse();
        assertThat(out.report().error()).contains("not signed").contains("nothing was applied");
        assertThat(layout.quadletDir()).doesNotExist();
        assertThat(systemd.takeCalls()).isEmpty();
    }

    @Test
    void aUnitNameTheHostAlreadyHasIsRefusedUnlessAdopted() throws Exception {
        init();
        Files.createDirectories(layout.unitDir());
        Files.writeString(layout.unitDir().resolve("backup.service"), "[Service]\nExecStart=/bin/true\n");
        repo.write("backup.service", "[Service]\nExecStart=/bin/false\n").write("web/web.env", "V=9\n");
        String take = repo.commit("take over backup");
        var lastSyncBefore = store.lastSync();
        var historyBefore = store.history();

        SyncOutcome dry = deployer().run(SyncOptions.dryRun(DeploymentReason.DRY_RUN));

        assertThat(dry.ok()).as("a dry run says the sync would be refused").isFalse();
        assertThat(dry.report().error()).contains("commit " + take.substring(0, 12) + " would not be applied")
                .contains("backup.service").contains(layout.unitDir().resolve("backup.service").toString())
                .contains("berth adopt backup.service");
        assertThat(dry.plan()).as("the plan is still shown").isNotNull();
        assertThat(dry.changed()).isFalse();
        assertThat(layout.unitDir().resolve("backup.service")).content().contains("/bin/true");
        assertThat(layout.quadletDir().resolve("web/web.env")).hasContent("V=1");
        assertThat(systemd.takeCalls()).isEmpty();
        assertThat(store.lastSync()).as("a dry run records nothing").isEqualTo(lastSyncBefore);
        assertThat(store.history()).isEqualTo(historyBefore);

        SyncOutcome out = deployer().run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.ok()).isFalse();
        assertThat(out.report().error()).contains("backup.service").contains("berth adopt backup.service");
        assertThat(layout.unitDir().resolve("backup.service")).content().contains("/bin/true");
        assertThat(layout.quadletDir().resolve("web/web.env")).as("nothing of the commit").hasContent("V=1");
        assertThat(systemd.takeCalls()).isEmpty();

        safety.saveSettings(SafetySettings.DEFAULTS.withAdopted("backup.service"));
        assertThat(deployer().run(SyncOptions.dryRun(DeploymentReason.DRY_RUN)).ok()).as("adopted: the dry run expects a sync to go through").isTrue();
        assertThat(deployer().run(SyncOptions.apply(DeploymentReason.SYNC)).ok()).isTrue();
        assertThat(layout.unitDir().resolve("backup.service")).content().contains("/bin/false");
        assertThat(store.applied().files()).containsKey("unit/backup.service");
    }

    @Test
    void aQuadletWhoseServiceNameShadowsAHostUnitIsRefused() throws Exception {
        ReservedUnitNames names = new ReservedUnitNames(List.of(tmp.resolve("usr-lib")));
        Files.createDirectories(tmp.resolve("usr-lib"));
        Files.writeString(tmp.resolve("usr-lib/ssh.service"), "[Service]\n");
        repo.write("ssh.container", "[Container]\nImage=localhost/x\n").commit("shadow ssh");
        var loaded = new CheckedRepositoryLoader().load(exported(), null);

        assertThat(names.refusals(loaded.desired(), dev.berth.state.AppliedState.empty(), Set.of()))
                .singleElement().asString().contains("ssh.container").contains("ssh.service");
        assertThat(names.refusals(loaded.desired(), dev.berth.state.AppliedState.empty(), Set.of("ssh.service"))).isEmpty();
    }

    private Path exported() throws Exception {
        Path out = tmp.resolve("export");
        try (var source = dev.berth.git.GitSource.open(repo.dir().resolve(".git"), null)) {
            source.export(source.resolve().id(), "", out);
        }
        return out;
    }
}

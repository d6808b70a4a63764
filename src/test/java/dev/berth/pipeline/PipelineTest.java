package dev.berth.pipeline;

import dev.berth.state.DeploymentReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.apply.HealthGate;
import dev.berth.apply.RecordingSystemd;
import dev.berth.apply.SyncOutcome;
import dev.berth.build.BuildStep;
import dev.berth.desired.CheckedRepositoryLoader;
import dev.berth.git.TestGitRepo;
import dev.berth.host.HostLayout;
import dev.berth.secret.SecretStep;
import dev.berth.state.BerthConfig;
import dev.berth.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's promise: one list of steps, checked when built, run by every kind of deployment. */
class PipelineTest {
    @TempDir
    Path tmp;

    private TestGitRepo repo;
    private HostLayout layout;
    private final List<String> progress = new ArrayList<>();
    /** The fake health gate fails web.service while its installed env file says V=2 (the bad commit). */
    private final HealthGate gate = u -> u.systemdName().equals("web.service") && installedEnv().contains("V=2")
            ? Optional.of("web.service did not become healthy") : Optional.empty();

    private String installedEnv() {
        try {
            return Files.readString(layout.quadletDir().resolve("web/web.env"));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        repo = TestGitRepo.create(tmp.resolve("remote"));
        repo.write("web/web.container", "[Container]\nImage=localhost/x\nEnvironmentFile=./web.env\n").write("web/web.env", "V=1\n");
        repo.commit("good");
        layout = new HostLayout(false, tmp.resolve("state"), tmp.resolve("quadlets/berth"), tmp.resolve("units"), tmp.resolve("run"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private Deployer deployer(Pipeline pipeline) {
        return new Deployer(new Parts(layout, new StateStore(layout.stateDir()), new RecordingSystemd(), new CheckedRepositoryLoader(),
                progress::add, Clock.systemUTC(), Duration.ZERO, BuildStep.NONE, gate, SecretStep.NONE), pipeline);
    }

    /** A step that only notes which commit each run it takes part in deploys. */
    private record Witness(List<String> seen) implements Step {
        @Override
        public String name() {
            return "witness";
        }

        @Override
        public Set<Fact> needs() {
            return Set.of(Fact.TARGET, Fact.PLAN);
        }

        @Override
        public Set<Fact> produces() {
            return Set.of();
        }

        @Override
        public Flow run(Run run, Parts parts) {
            seen.add((run.followed() ? "sync " : "rollback ") + run.target().id());
            return Flow.NEXT;
        }
    }

    @Test
    void aStepAddedOnceRunsInTheSyncAndInItsAutomaticRollback() throws Exception {
        List<String> seen = new ArrayList<>();
        Pipeline pipeline = Pipeline.standard().with(new Witness(seen), "apply");
        Deployer deployer = deployer(pipeline);
        String good = deployer.init(new BerthConfig(repo.url(), null, "", 60, null, null, null)).commit();
        repo.write("web/web.env", "V=2\n");
        String bad = repo.commit("breaks web");

        SyncOutcome out = deployer.run(SyncOptions.apply(DeploymentReason.SYNC));

        assertThat(out.ok()).isFalse();
        assertThat(out.report().error()).as(String.join("\n", progress)).contains("rolled back to " + good.substring(0, 12));
        assertThat(seen).containsExactly("sync " + good, "sync " + bad, "rollback " + good);
    }

    @Test
    void aDryRunStopsBeforeAnyStepThatChangesTheHost() throws Exception {
        List<String> seen = new ArrayList<>();
        Deployer deployer = deployer(Pipeline.standard().with(new Witness(seen), "adopt"));
        deployer.init(new BerthConfig(repo.url(), null, "", 60, null, null, null));
        repo.write("web/web.env", "V=3\n");
        repo.commit("change");
        seen.clear();

        SyncOutcome preview = deployer.run(SyncOptions.dryRun(DeploymentReason.PLAN));

        assertThat(preview.ok()).isTrue();
        assertThat(preview.plan().isEmpty()).isFalse();
        assertThat(seen).as("the dry run ended at the preview step, before 'adopt'").isEmpty();
        assertThat(installedEnv()).isEqualTo("V=1\n");
    }

    @Test
    void aPipelineWhoseStepNeedsWhatNoEarlierStepProducesIsRefusedWhenBuilt() {
        List<Step> steps = new ArrayList<>(Pipeline.standardSteps());
        steps.add(0, new Witness(new ArrayList<>()));
        assertThatThrownBy(() -> new Pipeline(steps)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step 'witness' needs").hasMessageContaining("TARGET");
    }

    @Test
    void theStandardStepsAreInTheDocumentedOrder() {
        assertThat(Pipeline.standard().stepNames()).containsExactly("settle-self-upgrade", "target", "export", "load", "prepare-builds", "plan",
                "host-units", "preview", "unchanged", "refuse-clashes", "adopt", "secrets", "build", "apply",
                "remove-secrets", "interrupted", "roll-back", "record");
    }

    @Test
    void aFactReadBeforeItsStepRanFailsLoudly() {
        Run run = new Run(new RunKind.Followed(SyncOptions.apply(DeploymentReason.SYNC)), Pipeline.standard());
        assertThatThrownBy(run::plan).isInstanceOf(IllegalStateException.class).hasMessageContaining("PLAN");
    }
}

package dev.berth.mcp;

import dev.berth.pipeline.SyncOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.desired.CheckedRepositoryLoader;
import dev.berth.pipeline.Deployer;
import dev.berth.apply.Progress;
import dev.berth.apply.SyncOutcome;
import dev.berth.git.CraftedTree;
import dev.berth.git.TestGitRepo;
import dev.berth.host.HostLayout;
import dev.berth.host.Systemd;
import dev.berth.state.BerthConfig;
import dev.berth.state.DeploymentReason;
import dev.berth.state.StateStore;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only MCP tools plan and validate meet a crafted commit: a refusal, never a stale or fallback "valid". */
class CraftedCommitToolsTest {
    @TempDir
    Path tmp;

    private Map<String, Object> call(DeploymentTools tools, String name) throws ToolFailure {
        ToolSpec spec = tools.all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        return spec.handler().call(new Args(Map.of()));
    }

    @Test
    void planAndValidateRefuseACraftedCommitWhereverItComesFrom() throws Exception {
        HostLayout host = new HostLayout(false, tmp.resolve("state"), tmp.resolve("quadlets/berth"), tmp.resolve("units"),
                tmp.resolve("run"));
        StateStore store = new StateStore(host.stateDir());
        // a repository without units: the deploy needs no systemd, so none is given
        Systemd noSystemd = (Systemd) Proxy.newProxyInstance(Systemd.class.getClassLoader(), new Class<?>[] {Systemd.class},
                (proxy, method, args) -> {
                    throw new AssertionError("no systemd call expected: " + method.getName());
                });
        Deployer deployer = new Deployer(host, store, noSystemd, new CheckedRepositoryLoader(), s -> { }, Clock.systemUTC());
        DeploymentTools tools = new DeploymentTools(new McpBackend(host, store, noSystemd, null, null, new Deployments() {
            @Override
            public SyncOutcome plan(Progress progress) throws Exception {
                return deployer.run(SyncOptions.dryRun(DeploymentReason.PLAN));
            }

            @Override
            public SyncOutcome sync(boolean resume, Progress progress) {
                throw new UnsupportedOperationException();
            }

            @Override
            public SyncOutcome rollback(String commit, Progress progress) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <T> T exclusive(Callable<T> body) {
                throw new UnsupportedOperationException();
            }
        }));
        try (TestGitRepo remote = TestGitRepo.create(tmp.resolve("remote"))) {
            remote.write("notes/readme.txt", "nothing to run yet\n");
            remote.commit("good");
            assertThat(deployer.init(new BerthConfig(remote.url(), null, "", 60, null, null, null)).ok()).isTrue();
            assertThat(call(tools, "validate")).containsEntry("valid", true);

            // pushed to the remote: the fetch refuses it, and no earlier preview passes for it
            CraftedTree onRemote = new CraftedTree(remote.git().getRepository());
            onRemote.commitOnMain(onRemote.tree("..", FileMode.TREE, onRemote.tree("x", FileMode.REGULAR_FILE,
                    onRemote.blob("pwned\n"))), "crafted");
            assertThatThrownBy(() -> call(tools, "plan")).isInstanceOf(ToolFailure.class).hasMessageContaining("invalid name '..'");
            assertThatThrownBy(() -> call(tools, "validate")).isInstanceOf(ToolFailure.class).hasMessageContaining("invalid name '..'");

            // already in the clone: refused by the tree check; the deployed commit's checkout does not pass for it
            // (and the remote's branch on it, so that the fetch has nothing to bring)
            String crafted;
            try (Repository clone = new FileRepositoryBuilder().setGitDir(store.cloneDir().toFile()).build()) {
                CraftedTree inClone = new CraftedTree(clone);
                crafted = inClone.commitOnMain(inClone.tree("..", FileMode.TREE, inClone.tree("x", FileMode.REGULAR_FILE,
                        inClone.blob("pwned\n"))), "crafted in the clone");
            }
            Path remoteObjects = remote.dir().resolve(".git/objects");
            try (var loose = Files.walk(store.cloneDir().resolve("objects"))) {
                for (Path f : loose.filter(Files::isRegularFile).filter(f -> f.getParent().getFileName().toString().length() == 2).toList()) {
                    Path to = remoteObjects.resolve(f.getParent().getFileName().toString()).resolve(f.getFileName().toString());
                    if (!Files.exists(to)) {
                        Files.createDirectories(to.getParent());
                        Files.copy(f, to);
                    }
                }
            }
            RefUpdate u = remote.git().getRepository().updateRef("refs/heads/main");
            u.setNewObjectId(ObjectId.fromString(crafted));
            u.setForceUpdate(true);
            u.update();
            assertThatThrownBy(() -> call(tools, "plan")).isInstanceOf(ToolFailure.class)
                    .hasMessageContaining("'../x' holds an entry named '..'")
                    .hasMessageContaining("the host stays on"); // refused before the export, the deployed commit planned
            assertThatThrownBy(() -> call(tools, "validate")).isInstanceOf(ToolFailure.class)
                    .hasMessageContaining("'../x' holds an entry named '..'");
            assertThat(tmp.resolve("state/checkouts/x")).doesNotExist();
        }
    }
}

package dev.berth.mcp.gateway;

import dev.berth.git.GitException;
import dev.berth.git.GitSource;
import dev.berth.host.FileTrees;
import dev.berth.state.AppliedState;
import dev.berth.state.BerthConfig;
import dev.berth.state.StateStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The declarations of the commit this host has deployed (not of one a sync is still trying, and not of one
 * validation refused): read from the local clone whenever the recorded commit changes.
 */
public final class DeployedDeclarations implements DeclarationSource {
    private final StateStore store;

    public DeployedDeclarations(StateStore store) {
        this.store = store;
    }

    @Override
    public String version() throws IOException {
        return store.applied().commit();
    }

    @Override
    public Snapshot load() throws IOException {
        AppliedState applied = store.applied();
        if (applied.commit() == null) {
            return Snapshot.empty();
        }
        BerthConfig config = store.config();
        // each process its own folder: the daemon and a 'berth mcp' may read at once
        Path dir = store.checkoutsDir().resolve("mcp-" + ProcessHandle.current().pid());
        try (GitSource source = GitSource.open(store.cloneDir(), config.ref())) {
            source.export(applied.commit(), config.path(), dir);
            return TreeDeclarations.read(dir, applied.commit(), applied.units().keySet());
        } catch (GitException e) {
            throw new IOException("cannot read deployed commit " + applied.commit() + " from the local clone: " + e.getMessage(), e);
        } finally {
            FileTrees.deleteRecursively(dir);
        }
    }
}

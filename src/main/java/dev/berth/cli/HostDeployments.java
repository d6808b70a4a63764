package dev.berth.cli;

import dev.berth.apply.Progress;
import dev.berth.apply.SyncOutcome;
import dev.berth.mcp.Deployments;
import dev.berth.state.DeploymentReason;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * MCP's way to the deployment flow in {@code berth mcp}: the Deployer under the host lock, as the sync and
 * rollback commands do. A running daemon holds the same lock while it syncs, so the two never overlap.
 */
final class HostDeployments implements Deployments {
    private final Wiring wiring;
    private final PrintWriter log;
    /** A plan exports into one preview folder: two plans at once in this process must take turns. */
    private final Object planning = new Object();

    HostDeployments(Wiring wiring, PrintWriter log) {
        this.wiring = wiring;
        this.log = log;
    }

    @Override
    public SyncOutcome plan(Progress progress) throws Exception {
        synchronized (planning) {
            return wiring.deployer(progress).sync(true, false, DeploymentReason.MCP_PLAN);
        }
    }

    @Override
    public SyncOutcome sync(boolean resume, Progress progress) throws Exception {
        return exclusive(() -> wiring.deployer(progress).sync(false, resume, DeploymentReason.MCP));
    }

    @Override
    public SyncOutcome rollback(String commit, Progress progress) throws Exception {
        return exclusive(() -> wiring.deployer(progress).rollback(commit));
    }

    @Override
    public synchronized <T> T exclusive(Callable<T> body) throws Exception {
        // synchronized: the OS lock is per process, and a second acquire in this JVM would throw instead of waiting
        return HostCommand.withLock(wiring, log, body::call);
    }
}

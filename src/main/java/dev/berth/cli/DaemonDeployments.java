package dev.berth.cli;

import dev.berth.agent.Agent;
import dev.berth.apply.Progress;
import dev.berth.apply.SyncOutcome;
import dev.berth.mcp.Deployments;
import dev.berth.state.DeploymentReason;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** MCP's way to the deployment flow inside the daemon: everything queues on the Agent's sync thread. */
final class DaemonDeployments implements Deployments {
    private final Agent agent;
    private final Wiring wiring;
    private final PrintWriter log;

    DaemonDeployments(Agent agent, Wiring wiring, PrintWriter log) {
        this.agent = agent;
        this.wiring = wiring;
        this.log = log;
    }

    @Override
    public SyncOutcome plan(Progress progress) throws Exception {
        return await(agent.submit(true, false, DeploymentReason.MCP_PLAN, progress));
    }

    @Override
    public SyncOutcome sync(boolean resume, Progress progress) throws Exception {
        return await(agent.submit(false, resume, DeploymentReason.MCP, progress));
    }

    @Override
    public SyncOutcome rollback(String commit, Progress progress) throws Exception {
        return exclusive(() -> wiring.deployer(message -> {
            wiring.progress.step(message);
            progress.step(message);
        }).rollback(commit));
    }

    @Override
    public <T> T exclusive(Callable<T> body) throws Exception {
        return await(agent.runExclusive(() -> HostCommand.withLock(wiring, log, body::call)));
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}

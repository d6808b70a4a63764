package dev.berth.mcp;

import dev.berth.state.DeploymentReason;
import dev.berth.Berth;
import dev.berth.apply.Progress;
import dev.berth.apply.SyncOutcome;
import java.util.concurrent.Callable;

/**
 * MCP's way to the deployment flow: the library's commands, as the command line uses them. In the daemon they
 * queue on its sync thread (the library does that once the daemon runs), so an MCP sync never races an
 * interval's; in {@code berth mcp} they hold the host lock.
 */
public record LibraryDeployments(Berth berth) implements Deployments {

    @Override
    public SyncOutcome plan(Progress progress) throws Exception {
        return berth.plan().reason(DeploymentReason.MCP_PLAN).progress(progress).call();
    }

    @Override
    public SyncOutcome sync(boolean resume, Progress progress) throws Exception {
        var sync = berth.sync().reason(DeploymentReason.MCP).progress(progress);
        if (resume) {
            sync.resume();
        }
        return sync.call();
    }

    @Override
    public SyncOutcome rollback(String commit, Progress progress) throws Exception {
        return berth.rollback().to(commit).progress(progress).call();
    }

    @Override
    public <T> T exclusive(Callable<T> body) throws Exception {
        return berth.exclusive(body);
    }
}

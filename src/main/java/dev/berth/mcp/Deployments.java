package dev.berth.mcp;

import dev.berth.apply.Progress;
import dev.berth.apply.SyncOutcome;
import java.util.concurrent.Callable;

/**
 * How MCP reaches the deployment flow: the same paths as the command line. In {@code berth mcp} that is
 * the Deployer under the host lock; inside the daemon it is the daemon's Agent, so an MCP sync queues
 * with the interval's syncs instead of racing them.
 */
public interface Deployments {

    /** What the next sync would do: fetches, changes nothing on the host. */
    SyncOutcome plan(Progress progress) throws Exception;

    SyncOutcome sync(boolean resume, Progress progress) throws Exception;

    /** @param commit the commit (or prefix) to go back to, or null for the previous good deployment */
    SyncOutcome rollback(String commit, Progress progress) throws Exception;

    /** Runs another change to the host (a unit restart) so that it never overlaps a sync. */
    <T> T exclusive(Callable<T> body) throws Exception;
}

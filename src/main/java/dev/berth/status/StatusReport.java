package dev.berth.status;

import dev.berth.build.BuildStatus;
import dev.berth.git.CommitInfo;
import dev.berth.hooks.LastWebhook;
import dev.berth.mcp.gateway.McpServerStatus;
import dev.berth.state.SyncReport;
import java.util.List;

/**
 * Everything {@code berth status} says.
 *
 * @param pending the commit the followed ref points at (as of the last fetch) when it is not deployed yet
 * @param pinned  the commit a rollback pinned the host to, or null
 * @param builds  each deployed .build unit's epoch and its image's digest
 * @param mcpServers the declared MCP servers as the MCP endpoint last saw them (empty when none runs)
 * @param rewoundFrom when the deployed commit was deployed as a rewind (it does not descend from the commit deployed
 *                    before it: the followed ref was moved back or rewritten), that earlier commit; else null
 * @param lastWebhook the last delivery to the daemon's {@code /hooks/...}, or null if none was received
 * @param lastNotification the last notification sent and the last error of the daemon's notifier, or null if it never
 *                         sent one here
 */
public record StatusReport(String remote, String ref, String path, CommitInfo deployed, CommitInfo pending,
                           String pinned, SyncReport lastSync, List<UnitState> units, List<Drift> drift,
                           boolean rootless, List<BuildStatus> builds, List<McpServerStatus> mcpServers,
                           CommitInfo rewoundFrom, LastWebhook lastWebhook, NotifyStatus lastNotification) {

    public StatusReport {
        units = List.copyOf(units);
        drift = List.copyOf(drift);
        builds = builds == null ? List.of() : List.copyOf(builds);
        mcpServers = mcpServers == null ? List.of() : List.copyOf(mcpServers);
    }

    public StatusReport(String remote, String ref, String path, CommitInfo deployed, CommitInfo pending,
                        String pinned, SyncReport lastSync, List<UnitState> units, List<Drift> drift,
                        boolean rootless, List<BuildStatus> builds, List<McpServerStatus> mcpServers) {
        this(remote, ref, path, deployed, pending, pinned, lastSync, units, drift, rootless, builds, mcpServers, null, null, null);
    }
}

package dev.berth.cli;

import dev.berth.mcp.gateway.McpServerStatus;

import dev.berth.build.BuildStatus;
import dev.berth.git.CommitInfo;
import dev.berth.state.StateStore;
import dev.berth.state.SyncReport;
import dev.berth.state.UnitFailure;
import dev.berth.status.Drift;
import dev.berth.status.StatusReport;
import dev.berth.status.UnitState;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "What this host follows and runs: deployed and waiting commits, the last sync, every unit's state, drift.")
final class StatusCommand extends HostCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var byDaemon = answeredByDaemon();
        if (byDaemon.isPresent()) {
            return byDaemon.get();
        }
        StatusReport s = berth().status().call();
        PrintWriter o = out();
        if (json) {
            o.println(StateStore.json().writeValueAsString(s));
            return 0;
        }
        o.println("Repository: " + s.remote() + (s.ref() == null ? "" : " (" + s.ref() + ")")
                + (s.path() == null || s.path().isEmpty() ? "" : " path " + s.path()) + (s.rootless() ? "  [rootless]" : ""));
        o.println("Deployed:   " + commit(s.deployed()));
        if (s.rewoundFrom() != null) {
            o.println("Rewound:    from " + commit(s.rewoundFrom()) + ", which the deployed commit does not descend from"
                    + " (the followed ref was moved back or rewritten; --verify-commits refuses that)");
        }
        if (s.pinned() != null) {
            o.println("Pinned:     " + s.pinned().substring(0, 12) + " by rollback (until a new commit or 'berth sync --resume')");
        }
        o.println("Waiting:    " + (s.pending() == null ? "nothing (up to date with the last fetch)" : commit(s.pending())));
        SyncReport last = s.lastSync();
        if (last == null) {
            o.println("Last sync:  never");
        } else {
            o.println("Last sync:  " + TIME.format(Instant.ofEpochMilli(last.finishedAt())) + "  " + last.result().word()
                    + (last.error() == null ? "" : ": " + last.error()));
            for (UnitFailure f : last.failedUnits()) {
                o.println("  " + f.systemdName() + ": " + f.message());
                f.journal().forEach(line -> o.println("    | " + line));
            }
            if (!last.driftRepaired().isEmpty()) {
                o.println("  repaired drift: " + String.join(", ", last.driftRepaired()));
            }
        }
        if (s.lastWebhook() != null) {
            o.println("Webhook:    " + TIME.format(Instant.ofEpochMilli(s.lastWebhook().receivedAt())) + "  " + s.lastWebhook().summary());
        }
        if (s.lastNotification() != null) {
            o.println("Notify:     " + s.lastNotification().line());
        }
        o.println("Units:");
        if (s.units().isEmpty()) {
            o.println("  (none)");
        }
        for (UnitState u : s.units()) {
            String state = u.activeState() + " (" + u.subState() + ")" + (u.health() == null ? "" : ", " + u.health())
                    + (u.autoStart() ? "" : ", started by its trigger");
            o.printf("  %-32s %-32s %s%n", u.unit(), u.systemdName(), state);
        }
        if (!s.builds().isEmpty()) {
            o.println("Builds:     (reproducible: SOURCE_DATE_EPOCH = last commit that changed the build's inputs)");
        }
        for (BuildStatus b : s.builds()) {
            o.printf("  %-32s %s  epoch %s (%s, %s)  image %s  digest %s%n", b.unit(), b.imageTag(),
                    b.epoch() < 0 ? "unknown" : Long.toString(b.epoch()),
                    b.epochCommit() == null ? "?" : b.epochCommit().substring(0, 12), b.mode(),
                    b.imageId() == null ? "(not built)" : b.imageId().substring(0, Math.min(12, b.imageId().length())),
                    b.digest() == null ? "-" : b.digest());
        }
        if (!s.mcpServers().isEmpty()) {
            o.println("MCP servers: (served by the MCP endpoint as SERVER__TOOL)");
        }
        for (McpServerStatus m : s.mcpServers()) {
            o.printf("  %-24s %-5s %-8s %d tools%s%s%n", m.name(), m.transport(), m.state(), m.tools().size(),
                    m.sessions() > 0 ? ", " + m.sessions() + " session container(s)" : "",
                    m.error() == null ? "" : "  (" + m.error() + ")");
            for (dev.berth.mcp.gateway.ServedTools.Withheld w : m.withheld()) {
                o.println("    withheld " + w.tool() + ": " + w.reason());
            }
        }
        if (s.drift().isEmpty()) {
            o.println("Drift:      none");
        } else {
            o.println("Drift:      " + s.drift().size() + " file(s) differ from what Berth wrote (the next sync repairs them):");
            for (Drift d : s.drift()) {
                o.println("  " + d.change() + ": " + d.path());
            }
        }
        return 0;
    }

    private static String commit(CommitInfo c) {
        if (c == null) {
            return "nothing yet";
        }
        String when = c.commitTimeSeconds() == 0 ? "" : "  (" + TIME.format(Instant.ofEpochSecond(c.commitTimeSeconds())) + ")";
        return c.shortId() + " " + c.subject() + when + (c.author() == null ? "" : "  by " + c.author())
                + (c.signature() == null ? "" : "  [signature " + c.signature().line() + "]");
    }
}

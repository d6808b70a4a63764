package dev.berth.cli;

import dev.berth.agent.Agent;
import dev.berth.agent.ControlReply;
import dev.berth.agent.ControlServer;
import dev.berth.apply.SyncOutcome;
import dev.berth.state.BerthConfig;
import dev.berth.state.StateStore;
import dev.berth.state.UnitFailure;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the daemon: sync now, then every interval (with jitter), on SIGHUP, and on request",
            "through the control socket ('berth sync' asks it). SIGTERM lets the current step finish."})
final class RunCommand extends HostCommand {

    @Option(names = "--interval", paramLabel = "DURATION", description = "Override the interval given to init (e.g. 30s, 5m).")
    String interval;

    @picocli.CommandLine.Mixin
    McpDaemonOptions mcp = new McpDaemonOptions();

    @Override
    public Integer call() throws Exception {
        Wiring w = wiring();
        PrintWriter log = out();
        BerthConfig config = w.store.config();
        Duration every = interval != null ? Durations.parse(interval) : Duration.ofSeconds(config.intervalSeconds());
        Agent agent = new Agent((dryRun, resume, reason, progress) ->
                withLock(w, log, () -> w.deployer(progress).sync(dryRun, resume, reason)), every, w.progress);
        ControlServer control = new ControlServer(w.layout.socketPath(), agent, () -> status(w), RunCommand::summary);
        control.start();
        java.io.Closeable mcpEndpoint = McpEndpoint.start(mcp, w, agent, log);
        CountDownLatch stopped = new CountDownLatch(1);
        Signal.handle(new Signal("HUP"), s -> agent.trigger("SIGHUP"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.println("stopping: letting the current step finish");
            log.flush();
            agent.close();
            try {
                mcpEndpoint.close();
                control.close();
            } catch (java.io.IOException ignored) {
                // the socket file is replaced on the next start anyway
            }
            stopped.countDown();
        }));
        log.println("berth daemon: following " + dev.berth.git.RemoteUrls.redact(config.remote()) + ", syncing every "
                + every.toSeconds() + " s; control socket " + w.layout.socketPath());
        log.flush();
        agent.start();
        stopped.await();
        return 0;
    }

    private static String status(Wiring w) {
        try {
            return StateStore.json().writeValueAsString(w.status().collect());
        } catch (Exception e) {
            return "{\"error\":" + StateStore.json().valueToTree(String.valueOf(e.getMessage())) + "}";
        }
    }

    static ControlReply summary(SyncOutcome o) {
        if (o.ok()) {
            String text = o.plan() != null && o.report() != null && !o.changed() && o.plan().isEmpty()
                    ? "up to date at " + shortId(o.commit())
                    : (o.changed() ? "deployed " : "planned ") + shortId(o.commit());
            if (o.plan() != null && !o.changed() && !o.plan().isEmpty()) {
                text = PlanText.render(o.plan(), o.commit());
            }
            return ControlReply.done(0, text);
        }
        String units = o.report().failedUnits().stream().map(UnitFailure::systemdName).collect(Collectors.joining(", "));
        return ControlReply.done(1, "sync failed: " + o.report().error() + (units.isEmpty() ? "" : " [" + units + "]"));
    }
}

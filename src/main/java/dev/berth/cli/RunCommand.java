package dev.berth.cli;

import dev.berth.metrics.BerthMetrics;
import dev.berth.metrics.MetricsServer;
import dev.berth.metrics.SyncTimings;

import dev.berth.Berth;
import dev.berth.agent.Agent;
import dev.berth.agent.ControlReply;
import dev.berth.agent.ControlServer;
import dev.berth.apply.SyncOutcome;
import dev.berth.state.BerthConfig;
import dev.berth.state.DeploymentReason;
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
        description = {"Run the daemon: sync now, then every interval (with jitter), on SIGHUP, and on request " +
            "through the control socket ('berth sync' asks it). SIGTERM lets the current step finish."})
final class RunCommand extends HostCommand {

    @Option(names = "--interval", paramLabel = "DURATION", description = "Override the interval given to init (e.g. 30s, 5m).")
    String interval;

    @Option(names = "--metrics-listen", paramLabel = "HOST:PORT",
            description = {"Serve Prometheus metrics at http://HOST:PORT/metrics (off by default), e.g. 127.0.0.1:9390. " +
                "Deployed commit, last sync result, time and duration, units by state, drift, pin."})
    String metricsListen;

    @picocli.CommandLine.Mixin
    McpDaemonOptions mcp = new McpDaemonOptions();

    @picocli.CommandLine.Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter log = out();
        DaemonListener.checkOptions(console, mcp, metricsListen);
        var berth = berth();
        BerthConfig config = berth.store().config();
        Duration every = interval != null ? Durations.parse(interval) : Duration.ofSeconds(config.intervalSeconds());
        SyncTimings timings = new SyncTimings();
        berth.events().subscribe(done -> timings.record(done.took().toNanos() / 1e9, done.ok()));
        MetricsServer metrics = metricsListen == null ? null : startMetrics(berth, timings, log);
        dev.berth.notify.Notifier notifier = dev.berth.notify.Notifier.start(berth, every, m -> {
            log.println(m);
            log.flush();
        });
        Agent agent = berth.daemon(every);
        ControlServer control = new ControlServer(berth.layout().socketPath(), agent, () -> status(berth), RunCommand::summary);
        control.answerQueries(new DaemonQueries(berth, agent));
        control.start();
        java.io.Closeable mcpEndpoint = McpEndpoint.start(mcp, berth, log);
        java.io.Closeable listener = DaemonListener.start(console, mcp, metricsListen, berth,
                metricsSource(berth, timings), log);
        CountDownLatch stopped = new CountDownLatch(1);
        Signal.handle(new Signal("HUP"), s -> agent.trigger(DeploymentReason.SIGHUP));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dev.berth.apply.StopRequest.request();
            log.println("stopping: letting the current step finish");
            log.flush();
            agent.close();
            notifier.close();
            if (metrics != null) {
                metrics.close();
            }
            try {
                listener.close();
                mcpEndpoint.close();
                control.close();
            } catch (java.io.IOException ignored) {
                // the socket file is replaced on the next start anyway
            }
            stopped.countDown();
        }));
        log.println("berth daemon: following " + dev.berth.git.RemoteUrls.redact(config.remote()) + ", syncing every "
                + every.toSeconds() + " s; control socket " + berth.layout().socketPath());
        log.flush();
        agent.start();
        stopped.await();
        return 0;
    }

    private static MetricsServer.Source metricsSource(Berth berth, SyncTimings timings) {
        // made on the first scrape: a daemon that serves no metrics loads no Prometheus classes
        var berthMetrics = new java.util.concurrent.atomic.AtomicReference<BerthMetrics>();
        return () -> berthMetrics.updateAndGet(m -> m != null ? m : new BerthMetrics())
                .scrape(berth.status().call(), berth.identity().name(), timings);
    }

    private MetricsServer startMetrics(Berth berth, SyncTimings timings, PrintWriter log) throws java.io.IOException {
        MetricsServer server = new MetricsServer(MetricsServer.parseAddress(metricsListen), metricsSource(berth, timings));
        server.start();
        log.println("metrics: http://" + metricsListen + "/metrics");
        log.flush();
        return server;
    }

    private static String status(Berth berth) {
        try {
            return StateStore.json().writeValueAsString(berth.status().call());
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

package dev.berth.cli;

import dev.berth.apply.Applier;
import dev.berth.apply.Deployer;
import dev.berth.apply.PodmanHealthGate;
import dev.berth.apply.Progress;
import dev.berth.apply.Pruner;
import dev.berth.apply.RepositoryLoader;
import dev.berth.host.HostLayout;
import dev.berth.host.PodmanContainerHealth;
import dev.berth.host.ProcessRunner;
import dev.berth.host.SystemctlSystemd;
import dev.berth.host.Systemd;
import dev.berth.state.SafetyStore;
import dev.berth.state.StateStore;
import dev.berth.status.StatusCollector;
import dev.berth.apply.CheckedRepositoryLoader;
import java.io.PrintWriter;
import java.time.Clock;

/** Builds the library's parts for the current user's host; the only place the CLI picks implementations. */
final class Wiring {
    private static final java.time.Duration HEALTH_POLL = java.time.Duration.ofSeconds(1);
    final HostLayout layout;
    final StateStore store;
    final ProcessRunner runner = new ProcessRunner();
    final Systemd systemd;
    final RepositoryLoader loader = new CheckedRepositoryLoader();
    final Progress progress;

    Wiring(HostOptions options, PrintWriter out) {
        this.layout = HostLayout.forCurrentUser(options.stateDir);
        this.store = new StateStore(layout.stateDir());
        this.systemd = new SystemctlSystemd(runner, layout.rootless());
        this.progress = options.quiet ? Progress.SILENT : message -> {
            out.println(message);
            out.flush();
        };
    }

    Deployer deployer() {
        return deployer(progress);
    }

    Deployer deployer(Progress to) {
        return new Deployer(layout, store, systemd, loader, to, Clock.systemUTC(), Applier.DEFAULT_SETTLE,
                new PodmanHealthGate(runner, HEALTH_POLL));
    }

    SafetyStore safety() {
        return new SafetyStore(layout.stateDir());
    }

    Pruner pruner() {
        return new Pruner(layout, store, systemd, loader, runner, progress);
    }

    StatusCollector status() {
        return new StatusCollector(layout, store, systemd, new PodmanContainerHealth(runner));
    }
}

package dev.berth.cli;

import dev.berth.apply.Applier;
import dev.berth.apply.Deployer;
import dev.berth.build.BuildStatusCollector;
import dev.berth.build.CleanEnvironmentRunner;
import dev.berth.build.ReproducibleBuilds;
import dev.berth.apply.PodmanHealthGate;
import dev.berth.apply.Progress;
import dev.berth.apply.Pruner;
import dev.berth.apply.RepositoryLoader;
import dev.berth.host.HostLayout;
import dev.berth.host.PodmanCli;
import dev.berth.host.PodmanContainerHealth;
import dev.berth.host.ProcessRunner;
import dev.berth.host.SystemctlSystemd;
import dev.berth.host.Systemd;
import dev.berth.state.SafetyStore;
import dev.berth.state.StateStore;
import dev.berth.status.StatusCollector;
import dev.berth.apply.CheckedRepositoryLoader;
import dev.berth.fleet.HostIdentity;
import dev.berth.fleet.LocalHost;
import dev.berth.fleet.TargetedRepositoryLoader;
import java.io.PrintWriter;
import java.time.Clock;

/** Builds the library's parts for the current user's host; the only place the CLI picks implementations. */
final class Wiring {
    private static final java.time.Duration HEALTH_POLL = java.time.Duration.ofSeconds(1);
    final HostLayout layout;
    final StateStore store;
    final ProcessRunner runner = new ProcessRunner();
    final PodmanCli podman = new PodmanCli(runner);
    final Systemd systemd;
    final RepositoryLoader loader;
    /** Set by {@code berth plan --host}: plan as that host instead of this one. */
    HostIdentity identityOverride;
    final Progress progress;

    Wiring(HostOptions options, PrintWriter out) {
        this.layout = HostLayout.forCurrentUser(options.stateDir);
        this.store = new StateStore(layout.stateDir());
        this.systemd = new SystemctlSystemd(runner, layout.rootless());
        this.loader = new TargetedRepositoryLoader(new CheckedRepositoryLoader(), this::identity);
        this.progress = options.quiet ? Progress.SILENT : message -> {
            out.println(message);
            out.flush();
        };
    }

    /** Who this host is for targeting, read anew for every sync ({@code berth label set} needs no restart). */
    HostIdentity identity() {
        if (identityOverride != null) {
            return identityOverride;
        }
        try {
            return LocalHost.identity(store.config());
        } catch (java.io.IOException e) {
            return new HostIdentity(LocalHost.systemHostName(), java.util.Map.of());
        }
    }

    Deployer deployer() {
        return deployer(progress);
    }

    Deployer deployer(Progress to) {
        return new Deployer(layout, store, systemd, loader, to, Clock.systemUTC(), Applier.DEFAULT_SETTLE, builds(),
                new PodmanHealthGate(podman, HEALTH_POLL))
                .withSecrets(new dev.berth.secret.RepositorySecrets(layout.stateDir(), podman));
    }

    ReproducibleBuilds builds() {
        return new ReproducibleBuilds(runner, podman, new CleanEnvironmentRunner(), layout.rootless());
    }

    SafetyStore safety() {
        return new SafetyStore(layout.stateDir());
    }

    Pruner pruner() {
        return new Pruner(layout, store, systemd, loader, runner, progress);
    }

    StatusCollector status() {
        return new StatusCollector(layout, store, systemd, new PodmanContainerHealth(podman),
                new BuildStatusCollector(layout, podman)::collect);
    }
}

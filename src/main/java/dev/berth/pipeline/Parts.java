package dev.berth.pipeline;

import dev.berth.apply.HealthGate;
import dev.berth.apply.Progress;
import dev.berth.build.BuildStep;
import dev.berth.desired.RepositoryLoader;
import dev.berth.host.HostLayout;
import dev.berth.host.Systemd;
import dev.berth.plan.PlanMemory;
import dev.berth.secret.SecretStep;
import dev.berth.state.SafetyStore;
import dev.berth.state.StateStore;
import java.time.Clock;
import java.time.Duration;

/**
 * What the steps of a deployment work with: the host's folders and state, systemd, and the parts that read
 * a commit, build its images, install its secrets and check its units' health.
 *
 * @param settle how long after starting units to look again for ones that died at once
 * @param plans  the last plan, for the next to follow the change (a daemon's lives as long as it does)
 */
public record Parts(HostLayout layout, StateStore store, Systemd systemd, RepositoryLoader loader, Progress progress,
                    Clock clock, Duration settle, BuildStep builds, HealthGate health, SecretStep secrets,
                    PlanMemory plans) {

    /** With a memory of plans of its own: one run's worth (a CLI process plans once). */
    public Parts(HostLayout layout, StateStore store, Systemd systemd, RepositoryLoader loader, Progress progress,
                 Clock clock, Duration settle, BuildStep builds, HealthGate health, SecretStep secrets) {
        this(layout, store, systemd, loader, progress, clock, settle, builds, health, secrets, new PlanMemory());
    }

    public SafetyStore safety() {
        return new SafetyStore(store.dir());
    }

    /** The same parts, with another way to install the repository's secrets. */
    public Parts withSecrets(SecretStep other) {
        return new Parts(layout, store, systemd, loader, progress, clock, settle, builds, health, other, plans);
    }
}

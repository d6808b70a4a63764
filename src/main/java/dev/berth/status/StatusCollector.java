package dev.berth.status;

import dev.berth.apply.InstalledFileHashes;
import dev.berth.build.BuildStatus;
import dev.berth.git.CommitInfo;
import dev.berth.git.GitException;
import dev.berth.git.GitSource;
import dev.berth.git.RemoteUrls;
import dev.berth.git.SignatureChecks;
import dev.berth.hooks.LastWebhook;
import dev.berth.host.ContainerHealth;
import dev.berth.host.HostLayout;
import dev.berth.host.Systemd;
import dev.berth.host.UnitStatus;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import dev.berth.state.BerthConfig;
import dev.berth.state.Deployment;
import dev.berth.state.DeploymentReason;
import dev.berth.state.SafetySettings;
import dev.berth.state.SafetyStore;
import dev.berth.state.SyncResult;
import dev.berth.state.StateStore;
import dev.berth.mcp.gateway.GatewayStatusFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Gathers status from the state folder, the local clone and systemd; never fetches, never changes anything. */
public final class StatusCollector {
    private final HostLayout layout;
    private final StateStore store;
    private final Systemd systemd;
    private final ContainerHealth health;
    private final Function<AppliedState, List<BuildStatus>> builds;
    private final SignatureChecks signatures;
    private final HealthSnapshot snapshot;

    public StatusCollector(HostLayout layout, StateStore store, Systemd systemd, ContainerHealth health) {
        this(layout, store, systemd, health, applied -> List.of(), new SignatureChecks(), new HealthSnapshot());
    }

    /**
     * @param builds     the deployed builds' epochs and image digests
     * @param signatures the signature checks of earlier calls: one per commit while the trust files stay as they are
     * @param snapshot   Podman's health answers of earlier calls, given again where they cannot have changed
     */
    public StatusCollector(HostLayout layout, StateStore store, Systemd systemd, ContainerHealth health,
                           Function<AppliedState, List<BuildStatus>> builds, SignatureChecks signatures, HealthSnapshot snapshot) {
        this.snapshot = snapshot;
        this.builds = builds;
        this.signatures = signatures;
        this.layout = layout;
        this.store = store;
        this.systemd = systemd;
        this.health = health;
    }

    public StatusReport collect() throws IOException {
        BerthConfig config = store.config();
        AppliedState applied = store.applied();
        CommitInfo deployed = null;
        CommitInfo head = null;
        CommitInfo rewoundFrom = null;
        SafetySettings safety = new SafetyStore(store.dir()).settings();
        try (GitSource source = GitSource.open(store.cloneDir(), config.ref())) {
            if (applied.commit() != null) {
                deployed = signed(source, source.commit(applied.commit()), safety);
                rewoundFrom = rewoundFrom(source, applied.commit());
            }
            head = signed(source, source.resolve(), safety);
        } catch (GitException e) {
            if (applied.commit() != null && deployed == null) {
                deployed = new CommitInfo(applied.commit(), "(not in the local clone: " + e.getMessage() + ")", 0);
            }
        }
        CommitInfo pending = head != null && (deployed == null || !head.id().equals(deployed.id())) ? head : null;

        List<HealthSnapshot.Unit> listed = applied.units().values().stream()
                .map(u -> new HealthSnapshot.Unit(u.fileName(), u.systemdName())).toList();
        List<String> names = listed.stream().map(HealthSnapshot.Unit::systemdName).toList();
        Map<String, UnitStatus> states;
        Map<String, String> healthBySystemdUnit;
        if (snapshot.way(listed) == HealthSnapshot.Way.ALONGSIDE) {
            // Podman's answer and systemd's are two forks: asked at once, and systemd once for all units
            var podmanHealth = health.bySystemdUnitMeanwhile();
            states = systemd.statuses(names);
            healthBySystemdUnit = podmanHealth.join();
            snapshot.remember(listed, states, healthBySystemdUnit, false);
        } else {
            states = systemd.statuses(names);
            Optional<Map<String, String>> kept = snapshot.reused(listed, states);
            healthBySystemdUnit = kept.isPresent() ? kept.get() : health.bySystemdUnit();
            if (kept.isEmpty()) {
                snapshot.remember(listed, states, healthBySystemdUnit, true);
            }
        }
        List<UnitState> units = new ArrayList<>();
        for (AppliedUnit u : applied.units().values()) {
            UnitStatus s = states.getOrDefault(u.systemdName(), UnitStatus.UNKNOWN);
            units.add(new UnitState(u.fileName(), u.systemdName(), s.activeState(), s.subState(), s.result(),
                    u.autoStart(), healthBySystemdUnit.get(u.systemdName())));
        }
        return new StatusReport(RemoteUrls.redact(config.remote()), config.ref(), config.path(), deployed, pending,
                config.pinnedCommit(), store.lastSync().orElse(null), units, drift(applied), layout.rootless(),
                builds.apply(applied), GatewayStatusFile.read(store.dir()), rewoundFrom,
                LastWebhook.read(store.dir()).orElse(null), NotifyStatus.read(store.dir()).orElse(null));
    }

    private CommitInfo signed(GitSource source, CommitInfo commit, SafetySettings safety) {
        return commit.withSignature(signatures.of(source, commit.id(),
                safety.allowedSigners() == null ? null : Path.of(safety.allowedSigners()),
                safety.trustedKeyring() == null ? null : Path.of(safety.trustedKeyring())));
    }

    /** The commit the deployed one replaced, when its deployment was a rewind (see {@link DeploymentReason#REWIND}). */
    private CommitInfo rewoundFrom(GitSource source, String deployedCommit) throws IOException {
        List<Deployment> history = store.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            Deployment d = history.get(i);
            if (d.result() == SyncResult.OK && deployedCommit.equals(d.commit())) {
                if (d.reason() != DeploymentReason.REWIND || d.rewoundFrom() == null) {
                    return null;
                }
                try {
                    return source.commit(d.rewoundFrom());
                } catch (GitException e) {
                    return new CommitInfo(d.rewoundFrom(), "no longer in the repository", 0);
                }
            }
        }
        return null;
    }

    private List<Drift> drift(AppliedState applied) {
        List<Drift> out = new ArrayList<>();
        for (Map.Entry<String, String> f : applied.files().entrySet()) {
            Path p = layout.pathOf(f.getKey());
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                out.add(new Drift(f.getKey(), p.toString(), "deleted"));
                continue;
            }
            try {
                if (!InstalledFileHashes.PROCESS.sha256(p).map(f.getValue()::equals).orElse(false)) {
                    out.add(new Drift(f.getKey(), p.toString(), "changed"));
                }
            } catch (IOException e) {
                out.add(new Drift(f.getKey(), p.toString(), "unreadable"));
            }
        }
        return out;
    }
}

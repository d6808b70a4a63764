package dev.berth.apply;

import dev.berth.desired.RepositoryLoader;
import dev.berth.host.HostException;
import dev.berth.host.HostLayout;
import dev.berth.host.Podman;
import dev.berth.host.PodmanCli;
import dev.berth.host.ProcessRunner;
import dev.berth.host.Systemd;
import dev.berth.plan.Plan;
import dev.berth.plan.Planner;
import dev.berth.repo.DesiredState;
import dev.berth.repo.RepoUnit;
import dev.berth.state.AppliedState;
import dev.berth.state.StateStore;
import dev.berth.unit.UnitKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code berth prune}: removes everything Berth manages through the ordinary plan/apply path (a plan
 * towards an empty repository), then — only when asked — the volumes and images its units made.
 */
public final class Pruner {
    private final HostLayout layout;
    private final StateStore store;
    private final Systemd systemd;
    private final RepositoryLoader loader;
    private final ProcessRunner runner;
    private final Progress progress;

    public Pruner(HostLayout layout, StateStore store, Systemd systemd, RepositoryLoader loader, ProcessRunner runner,
                  Progress progress) {
        this.layout = layout;
        this.store = store;
        this.systemd = systemd;
        this.loader = loader;
        this.runner = runner;
        this.progress = progress;
    }

    public void prune(boolean volumes, boolean images) throws ApplyException, IOException {
        AppliedState applied = store.applied();
        // Read what the deployed commit declares before its checkout goes, to name its volumes and images.
        Path checkout = store.checkoutsDir().resolve("current");
        DesiredState deployed = Files.isDirectory(checkout) ? loader.load(checkout, null).desired() : DesiredState.empty();

        Plan plan = Planner.plan(DesiredState.empty(), applied, applied.files());
        new Applier(layout, systemd, store, progress, Applier.DEFAULT_SETTLE).apply(plan, DesiredState.empty(), applied, checkout, null);

        List<String> failures = new ArrayList<>();
        Podman podman = new PodmanCli(runner);
        for (RepoUnit u : deployed.units().values()) {
            if (volumes && u.name().kind() == UnitKind.VOLUME) {
                String name = u.unit().value("Volume", "VolumeName").orElse("systemd-" + u.name().prefix());
                remove(() -> podman.removeVolume(name), "volume " + name, failures);
            }
            if (images && u.name().kind() == UnitKind.IMAGE) {
                u.unit().value("Image", "Image").ifPresent(i -> remove(() -> podman.removeImage(i), "image " + i, failures));
            }
            if (images && u.name().kind() == UnitKind.BUILD) {
                u.unit().value("Build", "ImageTag").ifPresent(i -> remove(() -> podman.removeImage(i), "image " + i, failures));
            }
        }
        try (var left = Files.list(layout.quadletDir())) {
            if (left.findAny().isEmpty()) {
                Files.delete(layout.quadletDir());
            }
        } catch (java.nio.file.NoSuchFileException alreadyGone) {
            // nothing was ever installed
        }
        try {
            new dev.berth.secret.RepositorySecrets(layout.stateDir(), podman).removeAll(progress::step);
        } catch (dev.berth.secret.SecretException e) {
            failures.add(e.getMessage());
        }
        store.deleteAll();
        progress.step("pruned: Berth manages nothing on this host any more");
        if (!failures.isEmpty()) {
            throw new ApplyException("pruned the units, but could not remove: " + String.join("; ", failures));
        }
    }

    private interface Removal {
        void run() throws HostException;
    }

    private void remove(Removal removal, String what, List<String> failures) {
        progress.step("remove " + what);
        try {
            removal.run();
        } catch (HostException e) {
            failures.add(what + ": " + e.getMessage());
        }
    }
}

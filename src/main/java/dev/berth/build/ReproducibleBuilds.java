package dev.berth.build;

import dev.berth.git.ChangeHistory;
import dev.berth.git.GitException;
import dev.berth.git.LastChange;
import dev.berth.host.PodmanImages;
import dev.berth.host.ProcessResult;
import dev.berth.host.ProcessRunner;
import dev.berth.plan.Action;
import dev.berth.plan.ActionType;
import dev.berth.plan.Plan;
import dev.berth.repo.DesiredState;
import dev.berth.repo.RepoUnit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The real {@link BuildStep}: epochs from the clone's history, flags by the installed Podman's version,
 * builds through quadlet's own command line in a clean environment.
 */
public final class ReproducibleBuilds implements BuildStep {
    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);
    private static final int CACHE_LIMIT = 4096;

    private final ProcessRunner runner;
    private final PodmanImages podman;
    private final CleanEnvironmentRunner builds;
    private final boolean rootless;
    /** commit, sub-path and input paths → last change: the daemon asks the same question every interval. */
    private final Map<String, LastChange> epochCache = new HashMap<>();

    /** @param runner runs quadlet's generator, which gives each build's command line */
    public ReproducibleBuilds(ProcessRunner runner, PodmanImages podman, CleanEnvironmentRunner builds, boolean rootless) {
        this.runner = runner;
        this.podman = podman;
        this.builds = builds;
        this.rootless = rootless;
    }

    @Override
    public DesiredState prepare(DesiredState desired, Source source, Consumer<String> progress) throws BuildException {
        List<RepoUnit> buildUnits = BuildEpochs.buildUnits(desired);
        if (buildUnits.isEmpty()) {
            return desired;
        }
        PodmanVersion version = PodmanVersion.detect(podman);
        TimestampMode mode = TimestampMode.forPodman(version);
        Map<String, BuildEpoch> epochs = new HashMap<>();
        try (ChangeHistory history = ChangeHistory.open(source.cloneDir())) {
            for (RepoUnit build : buildUnits) {
                List<String> inputs = BuildEpochs.inputsOf(build);
                LastChange change = lastChange(history, source, inputs);
                String tag = build.unit().value("Build", "ImageTag").orElse(null);
                epochs.put(build.fileName(), new BuildEpoch(build.fileName(), tag, change, mode, version.text()));
            }
        } catch (GitException e) {
            throw new BuildException("cannot find when the builds' inputs last changed: " + e.getMessage(), e);
        }
        BuildEpochs.Augmented augmented = BuildEpochs.augment(desired, epochs);
        try {
            GeneratedFiles.record(source.checkout(), augmented.generated().keySet());
        } catch (IOException e) {
            throw new BuildException("cannot write the list of generated files next to " + source.checkout() + ": " + e.getMessage(), e);
        }
        for (Map.Entry<String, String> f : augmented.generated().entrySet()) {
            Path p = source.checkout().resolve(f.getKey());
            try {
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            } catch (IOException e) {
                throw new BuildException("cannot write " + p + ": " + e.getMessage(), e);
            }
        }
        return augmented.desired();
    }

    private LastChange lastChange(ChangeHistory history, Source source, List<String> inputs) throws GitException {
        String key = source.commit() + "\0" + source.subPath() + "\0" + String.join("\0", inputs);
        LastChange cached = epochCache.get(key);
        if (cached != null) {
            return cached;
        }
        LastChange change = history.lastChange(source.commit(), source.subPath(), inputs);
        if (epochCache.size() >= CACHE_LIMIT) {
            epochCache.clear();
        }
        epochCache.put(key, change);
        return change;
    }

    /**
     * Builds, from the checkout, every build unit the plan starts or restarts. The units then rebuild to the
     * same image (from a warm cache on Podman 5.6+; from scratch on older Podman, see {@link TimestampMode});
     * a failure here leaves every running container alone.
     */
    @Override
    public void buildChanged(Plan plan, DesiredState desired, Path checkout, Consumer<String> progress) throws BuildException {
        List<RepoUnit> changed = plan.actions().stream()
                .filter(a -> a.type() == ActionType.START || a.type() == ActionType.RESTART)
                .map(Action::unit)
                .map(desired.units()::get)
                .filter(u -> u != null && BuildEpochs.buildUnits(desired).contains(u))
                .toList();
        if (changed.isEmpty()) {
            return;
        }
        Map<String, PodmanBuild> commands = new GeneratedBuilds(runner).in(checkout, rootless);
        for (RepoUnit build : changed) {
            PodmanBuild cmd = commands.get(build.systemdName());
            if (cmd == null) {
                throw new BuildException(build.path() + ": quadlet generated no " + build.systemdName() + " from it");
            }
            progress.accept("build " + build.fileName() + " (" + cmd.tag() + ")");
            long started = System.nanoTime();
            ProcessResult r = builds.run(cmd.argv(), cmd.workingDirectory(), BUILD_TIMEOUT);
            if (!r.ok()) {
                String why = r.timedOut() ? "did not finish in " + BUILD_TIMEOUT.toMinutes() + " minutes"
                        : BuildFailure.describe(r.stdout() + r.stderr());
                throw new BuildException("build of " + build.path() + " (" + build.systemdName() + ") " + why
                        + " — nothing was changed on the host; the running containers keep their image");
            }
            progress.accept("  built in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
    }
}

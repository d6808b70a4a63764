package dev.berth;

import dev.berth.agent.Agent;
import dev.berth.apply.Applier;
import dev.berth.apply.PodmanHealthGate;
import dev.berth.apply.Progress;
import dev.berth.apply.SyncOutcome;
import dev.berth.build.BuildStatusCollector;
import dev.berth.build.CleanEnvironmentRunner;
import dev.berth.build.ReproducibleBuilds;
import dev.berth.desired.CheckedRepositoryLoader;
import dev.berth.desired.RepositoryLoader;
import dev.berth.desired.TargetedRepositoryLoader;
import dev.berth.fleet.HostIdentity;
import dev.berth.fleet.LocalHost;
import dev.berth.host.HostLayout;
import dev.berth.host.Podman;
import dev.berth.host.PodmanCli;
import dev.berth.host.PodmanContainerHealth;
import dev.berth.host.ProcessRunner;
import dev.berth.host.SystemctlSystemd;
import dev.berth.host.Systemd;
import dev.berth.pipeline.Deployer;
import dev.berth.pipeline.Parts;
import dev.berth.pipeline.Pipeline;
import dev.berth.pipeline.SyncOptions;
import dev.berth.plan.PlanMemory;
import dev.berth.secret.RepositorySecrets;
import dev.berth.state.SafetyStore;
import dev.berth.state.StateStore;
import dev.berth.git.SignatureChecks;
import dev.berth.status.HealthSnapshot;
import dev.berth.status.StatusCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Berth as a library: one object per host (the current user's: root's system units, or a user's own), with a
 * command object per operation, in the manner of {@code git.fetch().setDryRun(true).call()}:
 * <pre>{@code
 * Berth berth = Berth.forCurrentUser(BerthOptions.defaults());
 * SyncOutcome outcome = berth.sync().resume().call();
 * }</pre>
 * The command line, the daemon's control socket, MCP and the console are callers of this class. Commands that
 * change the host hold the host lock; once there is a {@link #daemon}, they queue on the daemon's one sync thread
 * instead, so nothing overlaps an interval's sync.
 */
public final class Berth {
    private static final Duration HEALTH_POLL = Duration.ofMillis(250); // a failed check is tried again this soon: the answer is known sooner

    private final BerthOptions options;
    private final HostLayout layout;
    private final StateStore store;
    private final ProcessRunner runner = new ProcessRunner();
    private final PodmanCli podman = new PodmanCli(runner);
    private final Systemd systemd;
    private final RepositoryLoader checkedLoader;
    private final HostAccess access;
    private final DeploymentEvents events;
    private final SignatureChecks signatureChecks = new SignatureChecks(); // status asks on every call; keys are slow
    private final HealthSnapshot healthSnapshot = new HealthSnapshot(); // a daemon's status asks Podman only when needed
    private final PlanMemory plans = new PlanMemory(); // a daemon's next sync plans only what changed since its last plan
    /** A dry run exports into one preview folder: two in this process take turns. */
    private final Object previewing = new Object();
    private volatile Agent daemon;

    private Berth(BerthOptions options) {
        this.options = options;
        this.layout = HostLayout.forCurrentUser(options.stateDir());
        this.store = new StateStore(layout.stateDir());
        this.systemd = new SystemctlSystemd(runner, layout.rootless());
        this.access = new HostAccess(layout.stateDir(), options.onWait());
        this.events = new DeploymentEvents(layout.stateDir());
        this.checkedLoader = new CheckedRepositoryLoader(layout.stateDir().resolve("quadlet-cache"));
    }

    public static Berth forCurrentUser(BerthOptions options) {
        return new Berth(options);
    }

    public HostLayout layout() {
        return layout;
    }

    public StateStore store() {
        return store;
    }

    public Systemd systemd() {
        return systemd;
    }

    /** Podman on this host, as the current user's (root's storage, or the user's own). */
    public Podman podman() {
        return podman;
    }

    public ProcessRunner runner() {
        return runner;
    }

    public Progress progress() {
        return options.progress();
    }

    public SafetyStore safety() {
        return new SafetyStore(layout.stateDir());
    }

    public DeploymentEvents events() {
        return events;
    }

    /** Who this host is for targeting, read anew each time ({@code berth label set} needs no restart). */
    public HostIdentity identity() {
        try {
            return LocalHost.identity(store.config());
        } catch (IOException e) {
            return new HostIdentity(LocalHost.systemHostName(), Map.of());
        }
    }

    // --- the operations ---

    public SyncCommand sync() {
        return new SyncCommand(this);
    }

    /** What the next sync would do: a dry run. */
    public SyncCommand plan() {
        return new SyncCommand(this).dryRun();
    }

    public PlanAsCommand planAs(HostIdentity host) {
        return new PlanAsCommand(this, host);
    }

    public InitCommand init(dev.berth.state.BerthConfig config) {
        return new InitCommand(this, config);
    }

    public SwitchCommand switchTo(String remote) {
        return new SwitchCommand(this, remote);
    }

    public RollbackCommand rollback() {
        return new RollbackCommand(this);
    }

    public PruneCommand prune() {
        return new PruneCommand(this);
    }

    public StatusCommand status() {
        return new StatusCommand(this);
    }

    public static ValidateCommand validate(Path dir) {
        return new ValidateCommand(dir);
    }

    /**
     * Runs another change to the host (a settings change, a unit restart) so that it never overlaps a sync:
     * holding the host lock, and on the daemon's sync thread when a daemon runs in this process.
     */
    public <T> T exclusive(Callable<T> body) throws Exception {
        Agent queue = daemon;
        if (queue == null) {
            return access.exclusively(body);
        }
        return await(queue.runExclusive(() -> access.exclusively(body)));
    }

    /**
     * The daemon: once started, it syncs at once, then every {@code interval}, and whenever asked. From now on
     * this object's commands queue on its one sync thread. Start it when its callers (control socket, MCP) are
     * ready; close it to stop it.
     */
    public synchronized Agent daemon(Duration interval) {
        if (daemon != null) {
            throw new IllegalStateException("this Berth already has a daemon");
        }
        Agent agent = new Agent(this::deployNow, interval, options.progress());
        daemon = agent;
        return agent;
    }

    /**
     * Asks this process's daemon for a sync and returns at once: it joins a sync already queued, or queues one
     * (after the running one, which may have fetched too early). False when no daemon runs in this process.
     */
    public boolean trigger(dev.berth.state.DeploymentReason reason) {
        Agent queue = daemon;
        if (queue == null) {
            return false;
        }
        queue.trigger(reason);
        return true;
    }

    // --- what the commands share ---

    /** A sync with these options: queued on the daemon when one runs here, else now, holding the host. */
    SyncOutcome deploy(SyncOptions o, Progress progress) throws Exception {
        Agent queue = daemon;
        if (queue != null) {
            return await(queue.submit(o, progress));
        }
        return deployNow(o, progress);
    }

    private SyncOutcome deployNow(SyncOptions o, Progress progress) throws Exception {
        if (o.dryRun()) {
            synchronized (previewing) {
                return deployer(progress).run(o);
            }
        }
        return access.exclusively(() -> announced(() -> deployer(events.announcing(progress)).run(o)));
    }

    /** A deployment other than a sync (init, switch, a user's rollback), holding the host. */
    SyncOutcome change(DeployerCall call, Progress progress) throws Exception {
        Progress to = daemon == null || progress == options.progress() ? progress : message -> {
            options.progress().step(message); // the daemon's log tells of every change, whoever asked
            progress.step(message);
        };
        return exclusive(() -> announced(() -> call.run(deployer(events.announcing(to)))));
    }

    interface DeployerCall {
        SyncOutcome run(Deployer deployer) throws Exception;
    }

    private SyncOutcome announced(Callable<SyncOutcome> deployment) throws Exception {
        long start = System.nanoTime();
        SyncOutcome outcome = null;
        try {
            outcome = deployment.call();
            return outcome;
        } finally {
            events.finished(new DeploymentFinished(java.util.Optional.ofNullable(outcome), Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    Deployer deployer(Progress progress) {
        return deployer(progress, targetedLoader(this::identity));
    }

    Deployer deployer(Progress progress, RepositoryLoader loader) {
        return new Deployer(new Parts(layout, store, systemd, loader, progress, Clock.systemUTC(), Applier.DEFAULT_SETTLE,
                builds(), new PodmanHealthGate(podman, HEALTH_POLL), new RepositorySecrets(layout.stateDir(), podman), plans),
                Pipeline.standard());
    }

    RepositoryLoader targetedLoader(java.util.function.Supplier<HostIdentity> identity) {
        return new TargetedRepositoryLoader(checkedLoader, identity);
    }

    ReproducibleBuilds builds() {
        return new ReproducibleBuilds(runner, podman, new CleanEnvironmentRunner(), layout.rootless());
    }

    public StatusCollector statusCollector() {
        return new StatusCollector(layout, store, systemd, new PodmanContainerHealth(podman),
                new BuildStatusCollector(layout, podman)::collect, signatureChecks, healthSnapshot);
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}

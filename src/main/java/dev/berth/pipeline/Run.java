package dev.berth.pipeline;

import dev.berth.state.DeploymentReason;
import dev.berth.apply.ApplyResult;
import dev.berth.apply.Ending;
import dev.berth.apply.Refusal;
import dev.berth.apply.ReservedUnitNames;
import dev.berth.desired.LoadedRepository;
import dev.berth.git.CommitInfo;
import dev.berth.git.GitSource;
import dev.berth.plan.Plan;
import dev.berth.repo.DesiredState;
import dev.berth.state.AppliedState;
import dev.berth.state.BerthConfig;
import dev.berth.state.SafetySettings;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One deployment in progress: what its steps found out so far. A value is read only once the step that
 * produces it has run (asking earlier is a bug in the pipeline's order, and fails loudly).
 */
public final class Run implements AutoCloseable {
    private final RunKind kind;
    private final Pipeline pipeline;
    private final Set<Fact> known = EnumSet.noneOf(Fact.class);
    private DeploymentReason reason;
    private BerthConfig config;
    private SafetySettings settings;
    private AppliedState applied;
    private GitSource source;
    private CommitInfo target;
    private boolean pinned;
    private String rewindOf;
    private Optional<String> refusal = Optional.empty();
    private Optional<Refusal> refused = Optional.empty();
    private boolean rolledBack;
    private Path checkout;
    private boolean freshExport;
    private LoadedRepository loaded;
    private DesiredState desired;
    private Plan plan;
    private ReservedUnitNames hostUnits;
    private List<String> clashes;
    private ApplyResult result;

    Run(RunKind kind, Pipeline pipeline) {
        this.kind = kind;
        this.pipeline = pipeline;
        this.reason = kind instanceof RunKind.Followed f ? f.options().reason() : DeploymentReason.AUTO_ROLLBACK;
    }

    /** The pipeline running this run: the automatic rollback runs it again, for the last good commit. */
    Pipeline pipeline() {
        return pipeline;
    }

    public RunKind kind() {
        return kind;
    }

    /** A sync's options; the automatic rollback changes the host and keeps what it gets. */
    public SyncOptions options() {
        return kind instanceof RunKind.Followed f ? f.options()
                : new SyncOptions(SyncOptions.Mode.APPLY, SyncOptions.Pin.KEEP, SyncOptions.OnFailure.KEEP_FAILED, reason);
    }

    public boolean followed() {
        return kind instanceof RunKind.Followed;
    }

    public boolean dryRun() {
        return options().dryRun();
    }

    /** Why this deployment happens, as history records it (a sync of a rewound ref becomes a rewind). */
    public DeploymentReason reason() {
        return reason;
    }

    void rewind(String deployedCommit, DeploymentReason newReason) {
        this.rewindOf = deployedCommit;
        this.reason = newReason;
    }

    public String rewindOf() {
        return rewindOf;
    }

    private void need(Fact fact) {
        if (!known.contains(fact)) {
            throw new IllegalStateException(fact + " is read before a step produced it");
        }
    }

    void produced(Set<Fact> facts) {
        known.addAll(facts);
    }

    /** The followed folder of the repository: the config's, or for the automatic rollback the one it was given. */
    public String subPath() {
        return kind instanceof RunKind.LastGood lastGood ? lastGood.subPath() : config().path();
    }

    public BerthConfig config() {
        need(Fact.CONFIG);
        return config;
    }

    public SafetySettings settings() {
        need(Fact.CONFIG);
        return settings;
    }

    void config(BerthConfig config, SafetySettings settings) {
        this.config = config;
        this.settings = settings;
    }

    public AppliedState applied() {
        need(Fact.APPLIED);
        return applied;
    }

    void applied(AppliedState applied) {
        this.applied = applied;
    }

    public GitSource source() {
        need(Fact.TARGET);
        return source;
    }

    public CommitInfo target() {
        need(Fact.TARGET);
        return target;
    }

    /** The commit is a rollback pin's, not the followed ref's newest. */
    public boolean pinned() {
        return pinned;
    }

    /** Why the newest commit was refused, when the run goes on with the deployed one instead. */
    public Optional<String> refusal() {
        return refusal;
    }

    /** What this run ended as, for the notifications: the commit before it, a refusal, a rollback. */
    Ending ending() {
        return new Ending(applied == null ? null : applied.commit(), refused, rolledBack);
    }

    void refused(Refusal refusal) {
        this.refused = Optional.of(refusal);
    }

    void rolledBack() {
        this.rolledBack = true;
    }

    void target(GitSource source, CommitInfo target, boolean pinned, Optional<String> refusal) {
        this.source = source;
        this.target = target;
        this.pinned = pinned;
        this.refusal = refusal;
    }

    public Path checkout() {
        need(Fact.CHECKOUT);
        return checkout;
    }

    void checkout(Path checkout) {
        checkout(checkout, false);
    }

    /** @param freshExport the folder was just written from the commit whole, not kept from an earlier run */
    void checkout(Path checkout, boolean freshExport) {
        this.checkout = checkout;
        this.freshExport = freshExport;
    }

    boolean freshExport() {
        return freshExport;
    }

    public LoadedRepository loaded() {
        need(Fact.LOADED);
        return loaded;
    }

    void loaded(LoadedRepository loaded) {
        this.loaded = loaded;
    }

    public DesiredState desired() {
        need(Fact.DESIRED);
        return desired;
    }

    void desired(DesiredState desired) {
        this.desired = desired;
    }

    public Plan plan() {
        need(Fact.PLAN);
        return plan;
    }

    void plan(Plan plan) {
        this.plan = plan;
    }

    public ReservedUnitNames hostUnits() {
        need(Fact.HOST_UNITS);
        return hostUnits;
    }

    /** Repository units whose names the host's own units or quadlets already take. */
    public List<String> clashes() {
        need(Fact.HOST_UNITS);
        return clashes;
    }

    void hostUnits(ReservedUnitNames hostUnits, List<String> clashes) {
        this.hostUnits = hostUnits;
        this.clashes = List.copyOf(clashes);
    }

    public ApplyResult result() {
        need(Fact.RESULT);
        return result;
    }

    void result(ApplyResult result) {
        this.result = result;
    }

    @Override
    public void close() {
        if (source != null) {
            source.close();
        }
    }
}

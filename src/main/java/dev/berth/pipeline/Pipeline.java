package dev.berth.pipeline;

import dev.berth.apply.ApplyResult;
import dev.berth.apply.DeployException;
import dev.berth.apply.SyncOutcome;
import dev.berth.host.FaultPoints;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every deployment's steps, in order: init, sync, a dry run, a user's rollback, a switch, and the automatic
 * rollback all run this one list (a step says whether it takes part in a run, e.g. a dry run ends before the
 * host changes). A step added here runs in all of them. The boundary after each step is a fault point.
 */
public final class Pipeline {
    private final List<Step> steps;

    /** @throws IllegalArgumentException when a step needs what no earlier step produces */
    public Pipeline(List<Step> steps) {
        Set<Fact> produced = EnumSet.noneOf(Fact.class);
        for (Step s : steps) {
            Set<Fact> missing = EnumSet.noneOf(Fact.class);
            for (Fact f : s.needs()) {
                if (!produced.contains(f)) {
                    missing.add(f);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("step '" + s.name() + "' needs " + missing + ", which no earlier step produces");
            }
            produced.addAll(s.produces());
        }
        this.steps = List.copyOf(steps);
    }

    /** The deployment's steps. */
    public static Pipeline standard() {
        return new Pipeline(standardSteps());
    }

    /** The standard steps, to build a pipeline with one more (tests, and features added in one place). */
    public static List<Step> standardSteps() {
        return List.of(new SettleSelfUpgrade(), new ChooseTarget(), new ExportCommit(), new LoadDesired(), new PrepareBuilds(), new MakePlan(),
                new CheckHostUnits(), new EndPreview(), new EndIfUnchanged(), new RefuseClashes(), new AdoptHostUnits(),
                new InstallSecrets(), new BuildImages(), new ApplyPlan(), new RemoveGoneSecrets(), new EndIfInterrupted(),
                new RollBackOnFailure(), new RecordDeployment());
    }

    /** A copy with {@code step} inserted right before the step named {@code before}. */
    public Pipeline with(Step step, String before) {
        List<Step> copy = new ArrayList<>(steps);
        int at = -1;
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).name().equals(before)) {
                at = i;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("no step named '" + before + "'");
        }
        copy.add(at, step);
        return new Pipeline(copy);
    }

    public List<String> stepNames() {
        return steps.stream().map(Step::name).toList();
    }

    /** A sync (or dry run) of the followed repository. */
    public SyncOutcome sync(SyncOptions options, Parts parts) throws DeployException {
        try (Run run = new Run(new RunKind.Followed(options), this)) {
            SyncOutcome outcome = execute(run, parts);
            if (outcome == null) {
                throw new IllegalStateException("the pipeline ended a sync without an outcome: its last step must record one");
            }
            return outcome.withEnding(run.ending());
        }
    }

    /** The automatic rollback: back to {@code kind}'s commit; what comes of it is the rolling-back sync's to record. */
    ApplyResult rollBack(RunKind.LastGood kind, Parts parts) throws DeployException {
        try (Run run = new Run(kind, this)) {
            execute(run, parts);
            return run.result();
        }
    }

    private SyncOutcome execute(Run run, Parts parts) throws DeployException {
        for (Step step : steps) {
            if (!step.takesPart(run)) {
                continue;
            }
            Flow flow = step.run(run, parts);
            run.produced(step.produces());
            FaultPoints.after("step", step.name());
            if (flow instanceof Flow.End end) {
                return end.outcome();
            }
        }
        return null;
    }
}

package dev.berth.pipeline;

import dev.berth.apply.DeployException;
import dev.berth.git.GitException;
import dev.berth.git.GitSource;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import dev.berth.state.UnitFailure;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The automatic rollback's commit: the last good one, from the local clone as the failed sync left it
 * (nothing is fetched). Units that failed are marked, so the plan puts back what the bad commit changed.
 */
final class LastGoodTarget {
    /** Recorded for a unit that failed, so the planner restarts (or stops) it whatever its digest says. */
    static final String FAILED_DIGEST = "failed-rollout";

    private LastGoodTarget() {
    }

    static Flow choose(Run run, RunKind.LastGood kind, Parts parts) throws DeployException {
        parts.progress().step("rolling back to " + kind.commit().substring(0, 12) + " (the last good commit): "
                + kind.failures().stream().map(UnitFailure::systemdName).collect(Collectors.joining(", ")) + " did not come up");
        run.config(FollowedRepository.config(parts.store()), FollowedRepository.safetySettings(parts));
        AppliedState marked;
        try {
            marked = markFailed(parts.store().applied(), kind.failures());
            parts.store().saveApplied(marked);
        } catch (IOException e) {
            throw new DeployException("cannot read or save Berth's state for the rollback: " + e.getMessage(), e);
        }
        run.applied(marked);
        try {
            GitSource source = GitSource.open(parts.store().cloneDir(), null);
            run.target(source, null, false, Optional.empty());
            run.target(source, source.commit(kind.commit()), false, Optional.empty());
        } catch (GitException e) {
            throw new DeployException("cannot open the last good commit for the rollback: " + e.getMessage(), e);
        }
        return Flow.NEXT;
    }

    /**
     * A failed unit keeps the record of the last good commit (it never came up under the new one), so the
     * planner would see nothing to do for it although it runs, or failed with, the bad commit's files.
     * Marking it makes the planner restart it if the good commit has it, stop it if not.
     */
    static AppliedState markFailed(AppliedState applied, List<UnitFailure> failures) {
        Map<String, AppliedUnit> units = new HashMap<>(applied.units());
        for (UnitFailure f : failures) {
            AppliedUnit before = units.get(f.unit()); // its dependencies, if known, still order its stop
            units.put(f.unit(), new AppliedUnit(f.unit(), f.systemdName(), FAILED_DIGEST, true,
                    before == null ? null : before.dependsOn()));
        }
        return new AppliedState(applied.commit(), applied.files(), units);
    }
}

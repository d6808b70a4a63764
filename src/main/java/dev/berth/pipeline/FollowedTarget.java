package dev.berth.pipeline;

import dev.berth.apply.DeployException;
import dev.berth.git.CommitInfo;
import dev.berth.git.GitException;
import dev.berth.git.GitSource;
import dev.berth.git.RemoteUrls;
import dev.berth.state.AppliedState;
import dev.berth.state.BerthConfig;
import dev.berth.state.DeploymentReason;
import dev.berth.state.SafetySettings;
import java.io.IOException;
import dev.berth.apply.Refusal;
import java.util.Optional;

/**
 * A sync's commit: the followed ref's newest after a fetch, or a rollback pin's. A commit the guard refuses
 * (rolled back before, unsigned, a rewind, an unsafe tree) is not deployed: the run goes on with the deployed
 * commit, so drift is still repaired, and ends as a failure that says why.
 */
final class FollowedTarget {
    private FollowedTarget() {
    }

    static Flow choose(Run run, Parts parts) throws DeployException {
        SyncOptions options = run.options();
        BerthConfig config = FollowedRepository.config(parts.store());
        if (options.resume() && config.pinnedCommit() != null && !options.dryRun()) {
            config = config.withPin(null, null);
            FollowedRepository.save(parts.store(), config);
            parts.progress().step("pin lifted: following " + (config.ref() == null ? "the default branch" : config.ref()) + " again");
        }
        AppliedState applied = FollowedRepository.applied(parts.store());
        run.applied(applied);
        if (!GitSource.isFullRef(config.ref())) {
            try {
                config = recordFullRef(parts, config, applied.commit(), options.dryRun());
            } catch (GitException e) {
                return Outcomes.failed(run, parts, null, e.getMessage());
            }
        }
        SafetySettings settings = FollowedRepository.safetySettings(parts);
        run.config(config, settings);
        try {
            GitSource source = FollowedRepository.open(parts.store(), config, parts.progress());
            run.target(source, null, false, Optional.empty()); // the run closes it, whatever happens next
            return choose(run, parts, source, config, settings, applied);
        } catch (GitException e) {
            return Outcomes.failed(run, parts, null, e.getMessage());
        } catch (IOException e) {
            return Outcomes.failed(run, parts, null, "cannot read " + parts.store().dir() + "/rejected.json: " + e.getMessage());
        }
    }

    private static Flow choose(Run run, Parts parts, GitSource source, BerthConfig config, SafetySettings settings,
                               AppliedState applied) throws GitException, IOException, DeployException {
        SyncOptions options = run.options();
        if (run.reason() != DeploymentReason.INIT) { // init cloned it a moment ago, in this call: nothing new to ask
            parts.progress().step("fetch " + RemoteUrls.redact(config.remote()));
            source.fetch();
        }
        CommitInfo head = source.resolve();
        CommitInfo target = head;
        boolean pinned = false;
        if (config.pinnedCommit() != null) {
            if (head.id().equals(config.pinnedAgainst()) || options.resume() && options.dryRun()) {
                target = source.commit(config.pinnedCommit());
                pinned = !options.resume();
            } else if (!options.dryRun()) {
                parts.progress().step("new commit " + head.shortId() + " lifts the rollback pin");
                config = config.withPin(null, null);
                FollowedRepository.save(parts.store(), config);
                run.config(config, settings);
            }
        }
        // A rollback names its commit and a switch follows another repository: neither is a rewind.
        Optional<CommitInfo> rewoundFrom = pinned || run.reason() == DeploymentReason.SWITCH
                || !CommitGuard.rewinds(source, applied.commit(), target.id())
                ? Optional.empty() : Optional.of(deployedCommit(source, applied.commit()));
        Optional<Refusal> refusal = CommitGuard.refusal(source, target, settings,
                pinned ? Optional.empty() : parts.safety().rejected(), pinned, rewoundFrom);
        if (refusal.isEmpty() && rewoundFrom.isPresent()) {
            parts.progress().step("warning: " + target.shortId() + " does not descend from the deployed commit "
                    + rewoundFrom.get().shortId() + ": the followed ref was moved back or rewritten; deploying it as a rewind"
                    + " (with commit verification it would be refused)");
            run.rewind(rewoundFrom.get().id(), DeploymentReason.REWIND);
        }
        if (refusal.isEmpty() && !target.id().equals(applied.commit())) {
            CommitInfo checked = target;
            refusal = source.treeRefusal(target, config.path()) // unsafe names, over the limits: before any of it is written
                    .map(why -> new Refusal(Refusal.Kind.LIMITS, checked.id(), why));
        }
        if (refusal.isPresent()) {
            parts.progress().step(refusal.get().reason());
            run.refused(refusal.get());
            if (applied.commit() == null) {
                return Outcomes.failed(run, parts, target, refusal.get().reason() + "; nothing was applied");
            }
            // The last good deployment stays, and is still converged (drift repaired, failed units retried).
            target = source.commit(applied.commit());
        }
        run.target(source, target, pinned, refusal.map(Refusal::reason));
        if (!options.dryRun() && !target.id().equals(applied.commit())) {
            parts.progress().deploying(target.id());
        }
        return Flow.NEXT;
    }

    private static CommitInfo deployedCommit(GitSource source, String id) {
        try {
            return source.commit(id);
        } catch (GitException e) {
            return new CommitInfo(id, "no longer in the repository", 0);
        }
    }

    /**
     * State written by an earlier Berth names the followed ref by its short name (or not at all: the default
     * branch), which a branch named like a followed tag could take over. It is resolved once, in the local clone
     * as last fetched (a name that is both branch and tag: the one the deployed commit came from), and recorded.
     */
    private static BerthConfig recordFullRef(Parts parts, BerthConfig config, String deployed, boolean dryRun)
            throws GitException, DeployException {
        String full;
        try (GitSource source = FollowedRepository.open(parts.store(), config, parts.progress())) {
            full = source.fullRef(config.ref(), deployed);
        }
        BerthConfig resolved = config.withRef(full);
        if (!dryRun) {
            FollowedRepository.save(parts.store(), resolved);
            parts.progress().step("following " + full + " (the ref '" + (config.ref() == null ? "" : config.ref())
                    + "' of the earlier state, now recorded in full)");
        }
        return resolved;
    }
}

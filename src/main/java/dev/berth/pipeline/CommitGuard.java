package dev.berth.pipeline;

import dev.berth.git.CommitInfo;
import dev.berth.git.CommitSignatures;
import dev.berth.git.GitException;
import dev.berth.git.GitSource;
import dev.berth.state.RejectedCommit;
import dev.berth.state.SafetySettings;
import java.nio.file.Path;
import java.time.Instant;
import dev.berth.apply.Refusal;
import java.util.Optional;

/**
 * Decides whether a commit may be applied at all, before anything is exported: a commit that was rolled
 * back is not tried again; with commit verification only commits signed by a trusted key pass, and only
 * when they descend from the deployed commit (an older signed commit force-pushed back is a rewind attack).
 */
final class CommitGuard {

    private CommitGuard() {
    }

    /**
     * @param explicitlyChosen true when the user named this commit ({@code berth rollback}): a rolled-back
     *                         commit may then be applied again, an unsigned one still may not
     * @param rewoundFrom      the deployed commit when {@code commit} does not descend from it (see {@link #rewinds})
     * @return why the commit is refused, or empty when it may be applied
     */
    static Optional<Refusal> refusal(GitSource source, CommitInfo commit, SafetySettings settings,
                                    Optional<RejectedCommit> rejected, boolean explicitlyChosen, Optional<CommitInfo> rewoundFrom) {
        if (!explicitlyChosen && rejected.isPresent() && rejected.get().commit().equals(commit.id())) {
            return Optional.of(new Refusal(Refusal.Kind.ROLLED_BACK_BEFORE, commit.id(), "commit " + commit.shortId() + " was rolled back at "
                    + Instant.ofEpochMilli(rejected.get().rolledBack()) + " (" + rejected.get().reason()
                    + ") and is not tried again: push a new commit"));
        }
        if (settings.verifiesCommits()) {
            CommitSignatures.Verdict v = CommitSignatures.verify(source, commit.id(),
                    settings.allowedSigners() == null ? null : Path.of(settings.allowedSigners()),
                    settings.trustedKeyring() == null ? null : Path.of(settings.trustedKeyring()));
            if (!v.trusted()) {
                return Optional.of(new Refusal(Refusal.Kind.SIGNATURE, commit.id(),
                        "commit " + commit.shortId() + " (" + commit.subject() + ") is refused: " + v.detail()));
            }
            // A good signature says who wrote a commit, not that it is the newest: replaying an older signed
            // commit must not be enough to deploy it.
            if (!explicitlyChosen && rewoundFrom.isPresent()) {
                CommitInfo deployed = rewoundFrom.get();
                return Optional.of(new Refusal(Refusal.Kind.ANCESTRY, commit.id(), "commit " + commit.shortId() + " (" + commit.subject() + ") is refused: it does not descend from"
                        + " the deployed commit " + deployed.shortId() + " (" + deployed.subject() + "): the followed ref was"
                        + " moved back or rewritten (force-push). If that is intended, accept it with 'berth rollback "
                        + commit.shortId() + "'"));
            }
        }
        return Optional.empty();
    }

    /**
     * True when {@code target} does not descend from {@code deployed}: the followed ref was moved back to an
     * older commit or its history rewritten. A deployed commit the clone no longer has counts as rewritten.
     */
    static boolean rewinds(GitSource source, String deployed, String target) {
        if (deployed == null || deployed.equals(target)) {
            return false;
        }
        try {
            source.commit(deployed);
            return !source.isAncestor(deployed, target);
        } catch (GitException e) {
            return true;
        }
    }
}

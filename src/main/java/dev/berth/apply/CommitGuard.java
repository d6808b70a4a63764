package dev.berth.apply;

import dev.berth.git.CommitInfo;
import dev.berth.git.CommitSignatures;
import dev.berth.git.GitSource;
import dev.berth.state.RejectedCommit;
import dev.berth.state.SafetySettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a commit may be applied at all, before anything is exported: a commit that was rolled
 * back is not tried again, and with {@code --verify-commits} only commits signed by a trusted key pass.
 */
final class CommitGuard {

    private CommitGuard() {
    }

    /**
     * @param explicitlyChosen true when the user named this commit ({@code berth rollback}): a rolled-back
     *                         commit may then be applied again, an unsigned one still may not
     * @return why the commit is refused, or empty when it may be applied
     */
    static Optional<String> refusal(GitSource source, CommitInfo commit, SafetySettings settings,
                                    Optional<RejectedCommit> rejected, boolean explicitlyChosen) {
        if (!explicitlyChosen && rejected.isPresent() && rejected.get().commit().equals(commit.id())) {
            return Optional.of("commit " + commit.shortId() + " was rolled back at "
                    + Instant.ofEpochMilli(rejected.get().rolledBack()) + " (" + rejected.get().reason()
                    + ") and is not tried again: push a new commit");
        }
        if (settings.allowedSigners() != null) {
            CommitSignatures.Verdict v = CommitSignatures.verify(source, commit.id(), Path.of(settings.allowedSigners()));
            if (!v.trusted()) {
                return Optional.of("commit " + commit.shortId() + " (" + commit.subject() + ") is refused: " + v.detail());
            }
        }
        return Optional.empty();
    }
}

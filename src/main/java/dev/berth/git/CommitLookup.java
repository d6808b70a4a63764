package dev.berth.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Finds commits in the followed clone: the one a branch or tag points at (naming exactly one ref), one
 * by id, the history of the followed ref, and whether one commit is an ancestor of another.
 */
final class CommitLookup {
    private final Git git;
    private final Supplier<String> remoteUrl;

    /** @param remoteUrl the clone's remote, named (redacted) in the messages of refs that are missing */
    CommitLookup(Git git, Supplier<String> remoteUrl) {
        this.git = git;
        this.remoteUrl = remoteUrl;
    }

    /** The commit {@code ref} points at now (see {@link #fullRef} for how the ref is named). */
    CommitInfo resolve(String ref) throws GitException {
        String full = fullRef(ref, null);
        try {
            Ref r = git.getRepository().exactRef(full);
            if (r == null || r.getObjectId() == null) {
                throw new GitException(full + " does not exist on " + RemoteUrls.redact(remoteUrl.get())
                        + " (deleted?); the running deployment stays as it is. Use 'berth switch' to follow another ref");
            }
            return commit(r.getObjectId());
        } catch (IOException e) {
            throw new GitException("cannot read the local clone: " + e.getMessage(), e);
        }
    }

    /**
     * The full name of the ref a {@code --ref} value names, so that exactly that ref is followed: a branch
     * pushed with the name of a followed tag must not take it over. {@code refs/heads/X} and {@code refs/tags/X}
     * are taken as given; a short name must name one branch or one tag, or (state of an earlier Berth) the one
     * of the two that points at {@code tieBreakCommit}; none is the branch the remote's HEAD named at clone time.
     */
    String fullRef(String given, String tieBreakCommit) throws GitException {
        Repository repo = git.getRepository();
        try {
            if (given == null || given.isEmpty()) {
                Ref head = repo.exactRef(Constants.HEAD);
                if (head == null || head.getObjectId() == null || !head.isSymbolic()) {
                    throw new GitException("the remote has no default branch (empty repository?): pass --ref BRANCH");
                }
                return head.getTarget().getName();
            }
            if (isFullRef(given)) {
                return given;
            }
            Ref branch = repo.exactRef(Constants.R_HEADS + given);
            Ref tag = repo.exactRef(Constants.R_TAGS + given);
            if (branch != null && tag != null) {
                boolean branchHere = pointsAt(branch, tieBreakCommit);
                boolean tagHere = pointsAt(tag, tieBreakCommit);
                if (branchHere != tagHere) {
                    return (branchHere ? branch : tag).getName();
                }
                throw new GitException("'" + given + "' is both a branch and a tag on " + RemoteUrls.redact(remoteUrl.get())
                        + ": name the one to follow in full, --ref " + tag.getName() + " or --ref " + branch.getName()
                        + (tieBreakCommit == null ? "" : " ('berth switch URL --ref ...')"));
            }
            if (branch == null && tag == null) {
                throw new GitException("branch or tag '" + given + "' does not exist on " + RemoteUrls.redact(remoteUrl.get())
                        + " (deleted?); the running deployment stays as it is. Use 'berth switch' to follow another ref");
            }
            return (branch != null ? branch : tag).getName();
        } catch (IOException e) {
            throw new GitException("cannot read the local clone: " + e.getMessage(), e);
        }
    }

    /** True for a ref named in full, as Berth records it: {@code refs/heads/...} or {@code refs/tags/...}. */
    static boolean isFullRef(String ref) {
        return ref != null && (ref.startsWith(Constants.R_HEADS) || ref.startsWith(Constants.R_TAGS));
    }

    private boolean pointsAt(Ref r, String commit) throws IOException {
        if (commit == null) {
            return false;
        }
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            return walk.parseCommit(walk.peel(walk.parseAny(r.getObjectId()))).getName().equals(commit);
        }
    }

    /** Looks up a commit by full or abbreviated id. */
    CommitInfo commit(String idOrPrefix) throws GitException {
        try {
            ObjectId id = git.getRepository().resolve(idOrPrefix + "^{commit}");
            if (id == null) {
                throw new GitException("no commit " + idOrPrefix + " in the followed repository");
            }
            return commit(id);
        } catch (IOException | RuntimeException e) {
            throw new GitException("no commit " + idOrPrefix + " in the followed repository: " + e.getMessage(), e);
        }
    }

    private CommitInfo commit(ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            return info(walk.parseCommit(walk.peel(walk.parseAny(id))));
        }
    }

    private static CommitInfo info(RevCommit c) {
        PersonIdent a = c.getAuthorIdent();
        return new CommitInfo(c.getName(), c.getShortMessage(), c.getCommitTime(),
                a == null ? null : a.getName() + " <" + a.getEmailAddress() + ">", null);
    }

    /** True when {@code ancestor} is reachable from {@code descendant}. */
    boolean isAncestor(String ancestor, String descendant) throws GitException {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit a = walk.parseCommit(ObjectId.fromString(ancestor));
            RevCommit d = walk.parseCommit(ObjectId.fromString(descendant));
            return walk.isMergedInto(a, d);
        } catch (IOException | RuntimeException e) {
            throw new GitException("cannot compare commits: " + e.getMessage(), e);
        }
    }

    /** Commits on {@code ref}, newest first (at most {@code limit}). */
    List<CommitInfo> log(String ref, int limit) throws GitException {
        CommitInfo head = resolve(ref);
        try {
            List<CommitInfo> out = new ArrayList<>();
            for (RevCommit c : git.log().add(ObjectId.fromString(head.id())).setMaxCount(limit).call()) {
                out.add(info(c));
            }
            return out;
        } catch (GitAPIException | IOException e) {
            throw new GitException("cannot read history: " + e.getMessage(), e);
        }
    }
}

package dev.berth.git;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/** Commits whose signature a test makes itself, written exactly as git writes a signed commit. */
public final class SignedCommits {
    private SignedCommits() {
    }

    /** Makes the signature of a commit's bytes (everything but its gpgsig header). */
    public interface Signer {
        byte[] sign(byte[] commitWithoutSignature) throws Exception;
    }

    /**
     * Commits the work tree of {@code repo} as {@code message}, with the gpgsig header {@code signer} makes over the
     * commit without it, and moves the current branch to it.
     */
    public static String commit(TestGitRepo repo, String message, Signer signer) throws Exception {
        String parent = repo.commit("(unsigned: only to get the tree) " + message);
        Repository r = repo.git().getRepository();
        var parentCommit = r.parseCommit(ObjectId.fromString(parent));
        CommitBuilder b = new CommitBuilder();
        b.setTreeId(parentCommit.getTree().getId());
        b.setParentIds(parentCommit.getParents());
        PersonIdent who = new PersonIdent("t", "t@example.invalid");
        b.setAuthor(who);
        b.setCommitter(who);
        b.setMessage(message + "\n");
        b.setGpgSignature(new GpgSignature(signer.sign(b.build())));
        ObjectId id;
        try (ObjectInserter ins = r.newObjectInserter()) {
            id = ins.insert(b);
            ins.flush();
        }
        RefUpdate u = r.updateRef(Constants.HEAD);
        u.setNewObjectId(id);
        u.forceUpdate();
        return id.name();
    }
}

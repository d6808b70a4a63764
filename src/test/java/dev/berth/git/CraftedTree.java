package dev.berth.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Trees that git's own commands never make, written object by object as {@code git mktree} does: names such
 * as {@code ..} and {@code .git}, two entries of one name. The attacker's side of the tests.
 */
public final class CraftedTree {
    private final Repository repo;

    public CraftedTree(Repository repo) {
        this.repo = repo;
    }

    public ObjectId blob(String content) throws IOException {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            ObjectId id = ins.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
            ins.flush();
            return id;
        }
    }

    /**
     * A tree of (name, mode, id) triples, written byte for byte in the order given (git's order is the
     * caller's job): JGit's own TreeFormatter refuses an empty name, {@code git mktree} does not.
     */
    public ObjectId tree(Object... entries) throws IOException {
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < entries.length; i += 3) {
            ((FileMode) entries[i + 1]).copyTo(raw);
            raw.write(' ');
            raw.write(((String) entries[i]).getBytes(StandardCharsets.UTF_8));
            raw.write(0);
            ((ObjectId) entries[i + 2]).copyRawTo(raw);
        }
        try (ObjectInserter ins = repo.newObjectInserter()) {
            ObjectId id = ins.insert(Constants.OBJ_TREE, raw.toByteArray());
            ins.flush();
            return id;
        }
    }

    /** {@code depth} nested trees named {@code ..} around {@code inner}: {@code ../../.../inner}. */
    public ObjectId dotDots(int depth, ObjectId inner) throws IOException {
        ObjectId t = inner;
        for (int i = 0; i < depth; i++) {
            t = tree("..", FileMode.TREE, t);
        }
        return t;
    }

    /** Commits {@code tree} on top of branch main and moves main to it (git commit-tree + update-ref). */
    public String commitOnMain(ObjectId tree, String message) throws IOException {
        ObjectId parent = repo.resolve("refs/heads/main");
        CommitBuilder c = new CommitBuilder();
        c.setTreeId(tree);
        if (parent != null) {
            c.setParentId(parent);
        }
        PersonIdent who = new PersonIdent("t", "t@example.invalid");
        c.setAuthor(who);
        c.setCommitter(who);
        c.setMessage(message);
        ObjectId id;
        try (ObjectInserter ins = repo.newObjectInserter()) {
            id = ins.insert(c);
            ins.flush();
        }
        RefUpdate u = repo.updateRef("refs/heads/main");
        u.setNewObjectId(id);
        u.setForceUpdate(true);
        u.update();
        return id.name();
    }
}

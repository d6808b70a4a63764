package dev.berth.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.LogCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Answers "which commit last changed these paths?" over a clone's history ({@code git log -1 -- PATHS}).
 * Reproducible builds use it: the committer time of the last commit that touched a build's inputs is its
 * SOURCE_DATE_EPOCH, so commits elsewhere in the repository leave the image alone.
 */
public final class ChangeHistory implements AutoCloseable {
    static {
        JGitHostFacts.tellOnce();
    }

    private final Repository repo;

    private ChangeHistory(Repository repo) {
        this.repo = repo;
    }

    /** Opens a clone (bare or not) by its git folder. */
    public static ChangeHistory open(Path gitDir) throws GitException {
        try {
            return new ChangeHistory(new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build());
        } catch (IOException | RuntimeException e) {
            throw new GitException("cannot open the clone in " + gitDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param commit  the commit whose history counts (the one being deployed)
     * @param subPath the followed folder of the repository ("" for all of it)
     * @param paths   paths relative to {@code subPath}; a folder stands for everything under it
     * @return the newest commit reachable from {@code commit} that changed any of the paths, or
     *         {@code commit} itself when none of them exists in history (nothing older to point at)
     */
    public LastChange lastChange(String commit, String subPath, Collection<String> paths) throws GitException {
        String prefix = TreeExport.normalizeSubPath(subPath);
        List<String> filters = new ArrayList<>();
        for (String p : paths) {
            String rel = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
            filters.add(prefix.isEmpty() ? rel : rel.isEmpty() ? prefix : prefix + "/" + rel);
        }
        try (Git git = new Git(repo)) {
            ObjectId start = repo.resolve(commit + "^{commit}");
            if (start == null) {
                throw new GitException("commit " + commit + " is not in the local clone");
            }
            LogCommand log = git.log().add(start).setMaxCount(1);
            filters.forEach(log::addPath);
            Iterator<RevCommit> found = log.call().iterator();
            if (found.hasNext()) {
                RevCommit c = found.next();
                return new LastChange(c.getName(), c.getCommitTime());
            }
            RevCommit self = repo.parseCommit(start);
            return new LastChange(self.getName(), self.getCommitTime());
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new GitException("cannot read the history of " + String.join(", ", filters) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}

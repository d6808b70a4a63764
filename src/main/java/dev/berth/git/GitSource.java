package dev.berth.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.berth.host.FileTrees;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.util.FS;

/**
 * The followed repository: a bare clone Berth fetches into. Commits are exported to plain folders to
 * be read, so the clone's HEAD never stands for "what is deployed" (Orches' reset-before-apply bug).
 */
public final class GitSource implements AutoCloseable {
    static {
        // JGit otherwise measures the file system's timestamp resolution on first use, which blocks for
        // seconds; Berth reads bare clones and exports trees, so it never relies on racy-git checks.
        FS.FileStoreAttributes.setBackground(true);
    }

    private final Git git;
    private final String ref;
    private final boolean ownsRepository;
    private final SshKeyTransport ssh;

    private GitSource(Git git, String ref, boolean ownsRepository, SshKeyTransport ssh) {
        this.git = git;
        this.ref = ref;
        this.ownsRepository = ownsRepository;
        this.ssh = ssh;
    }

    /** Clones {@code remote} (https, ssh, file:// or a local path) as a bare repository into {@code dir}. */
    public static GitSource cloneInto(String remote, String ref, Path dir) throws GitException {
        return cloneInto(remote, ref, dir, null);
    }

    /** @param sshKey private key file for ssh remotes, or null for the user's default keys */
    public static GitSource cloneInto(String remote, String ref, Path dir, Path sshKey) throws GitException {
        SshKeyTransport ssh = new SshKeyTransport(sshKey, remote);
        try {
            FileTrees.deleteRecursively(dir);
            Git g = Git.cloneRepository()
                    .setURI(RemoteUrls.withoutUserInfo(remote)) // the credential goes through ssh's provider, not the config
                    .setTransportConfigCallback(ssh)
                    .setDirectory(dir.toFile())
                    .setBare(true)
                    .setCloneAllBranches(true)
                    .call();
            GitSource source = new GitSource(g, ref, false, ssh);
            source.resolve(); // fail now, at init, if the branch or tag does not exist
            return source;
        } catch (InvalidRemoteException e) {
            throw new GitException("cannot clone " + RemoteUrls.redact(remote) + ": no repository there", e);
        } catch (TransportException e) {
            throw new GitException("cannot clone " + RemoteUrls.redact(remote) + ": " + redactedMessage(e), e);
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new GitException("cannot clone " + RemoteUrls.redact(remote) + ": " + redactedMessage(e), e);
        }
    }

    /** Opens an existing clone; a missing or damaged clone is an exception (the caller re-clones). */
    public static GitSource open(Path dir, String ref) throws GitException {
        return open(dir, ref, null);
    }

    public static GitSource open(Path dir, String ref, Path sshKey) throws GitException {
        return open(dir, ref, sshKey, null);
    }

    /**
     * Opens the clone to fetch from {@code remote} (as configured, maybe with {@code user:token@}): the
     * credential is used from there, and a clone whose config still holds it (made by an older Berth) has
     * it removed.
     */
    public static GitSource open(Path dir, String ref, Path sshKey, String remote) throws GitException {
        try {
            Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
            if (repo.getObjectDatabase() == null || !repo.getObjectDatabase().exists()) {
                repo.close();
                throw new GitException("the local clone in " + dir + " is damaged");
            }
            forgetCredential(repo);
            return new GitSource(new Git(repo), ref, true, new SshKeyTransport(sshKey, remote));
        } catch (IOException | RuntimeException e) {
            throw new GitException("the local clone in " + dir + " is damaged: " + e.getMessage(), e);
        }
    }

    private static void forgetCredential(Repository repo) throws IOException {
        String url = repo.getConfig().getString("remote", "origin", "url");
        String clean = RemoteUrls.withoutUserInfo(url);
        if (url != null && !url.equals(clean)) {
            repo.getConfig().setString("remote", "origin", "url", clean);
            repo.getConfig().save();
        }
    }

    /** Fetches the remote; force-pushed branches are followed, deleted ones removed. */
    public void fetch() throws GitException {
        try {
            git.fetch()
                    .setRemote("origin")
                    .setTransportConfigCallback(ssh)
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                    .setRemoveDeletedRefs(true)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw new GitException("cannot fetch " + RemoteUrls.redact(remoteUrl()) + ": " + redactedMessage(e), e);
        }
    }

    /** The clone itself, for checks that read raw objects (commit signatures). */
    Repository repository() {
        return git.getRepository();
    }

    public String remoteUrl() {
        return git.getRepository().getConfig().getString("remote", "origin", "url");
    }

    /** The commit the followed branch or tag points at now (the remote's default branch when none is set). */
    public CommitInfo resolve() throws GitException {
        Repository repo = git.getRepository();
        try {
            Ref r;
            if (ref == null || ref.isEmpty()) {
                r = repo.exactRef(Constants.HEAD);
                if (r == null || r.getObjectId() == null) {
                    throw new GitException("the remote has no default branch (empty repository?): pass --ref BRANCH");
                }
            } else {
                r = repo.exactRef(Constants.R_HEADS + ref);
                if (r == null) {
                    r = repo.exactRef(Constants.R_TAGS + ref);
                }
                if (r == null) {
                    throw new GitException("branch or tag '" + ref + "' does not exist on " + RemoteUrls.redact(remoteUrl())
                            + " (deleted?); the running deployment stays as it is. Use 'berth switch' to follow another ref");
                }
            }
            return commit(r.getObjectId());
        } catch (IOException e) {
            throw new GitException("cannot read the local clone: " + e.getMessage(), e);
        }
    }

    /** Looks up a commit by full or abbreviated id. */
    public CommitInfo commit(String idOrPrefix) throws GitException {
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
            RevCommit c = walk.parseCommit(walk.peel(walk.parseAny(id)));
            return new CommitInfo(c.getName(), c.getShortMessage(), c.getCommitTime());
        }
    }

    /** True when {@code ancestor} is reachable from {@code descendant}. */
    public boolean isAncestor(String ancestor, String descendant) throws GitException {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit a = walk.parseCommit(ObjectId.fromString(ancestor));
            RevCommit d = walk.parseCommit(ObjectId.fromString(descendant));
            return walk.isMergedInto(a, d);
        } catch (IOException | RuntimeException e) {
            throw new GitException("cannot compare commits: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the files of {@code commit} under {@code subPath} ("" = all) into {@code dest}, which is
     * replaced. Symlinks are recreated as symlinks (validation decides whether they may stay).
     */
    public void export(String commit, String subPath, Path dest) throws GitException {
        Path tmp = dest.resolveSibling(dest.getFileName() + ".partial");
        try {
            FileTrees.deleteRecursively(tmp);
            Files.createDirectories(tmp);
            Repository repo = git.getRepository();
            try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
                RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
                tw.addTree(c.getTree());
                tw.setRecursive(true);
                String prefix = normalizeSubPath(subPath);
                if (!prefix.isEmpty()) {
                    tw.setFilter(PathFilter.create(prefix));
                }
                boolean any = false;
                while (tw.next()) {
                    String path = tw.getPathString();
                    String rel = prefix.isEmpty() ? path : path.substring(Math.min(path.length(), prefix.length() + 1));
                    if (rel.isEmpty()) {
                        continue;
                    }
                    FileMode mode = tw.getFileMode(0);
                    if (mode == FileMode.GITLINK) {
                        continue; // submodules are not followed
                    }
                    any = true;
                    Path out = tmp.resolve(rel);
                    Files.createDirectories(out.getParent());
                    ObjectLoader loader = repo.open(tw.getObjectId(0));
                    if (mode == FileMode.SYMLINK) {
                        Files.createSymbolicLink(out, Path.of(new String(loader.getBytes(), StandardCharsets.UTF_8)));
                    } else {
                        try (var os = Files.newOutputStream(out)) {
                            loader.copyTo(os);
                        }
                        if (mode == FileMode.EXECUTABLE_FILE) {
                            out.toFile().setExecutable(true, false);
                        }
                    }
                }
                if (!any && !prefix.isEmpty()) {
                    throw new GitException("commit " + commit.substring(0, 12) + " has no folder '" + prefix
                            + "' (the --path given to init)");
                }
            }
            FileTrees.deleteRecursively(dest);
            Files.move(tmp, dest);
        } catch (MissingObjectException e) {
            throw new GitException("commit " + commit + " is missing from the local clone", e);
        } catch (IOException | RuntimeException e) {
            throw new GitException("cannot export commit " + commit + ": " + e.getMessage(), e);
        }
    }

    /** Commits on the followed ref, newest first (at most {@code limit}). */
    public List<CommitInfo> log(int limit) throws GitException {
        CommitInfo head = resolve();
        try {
            List<CommitInfo> out = new java.util.ArrayList<>();
            for (RevCommit c : git.log().add(ObjectId.fromString(head.id())).setMaxCount(limit).call()) {
                out.add(new CommitInfo(c.getName(), c.getShortMessage(), c.getCommitTime()));
            }
            return out;
        } catch (GitAPIException | IOException e) {
            throw new GitException("cannot read history: " + e.getMessage(), e);
        }
    }

    static String normalizeSubPath(String subPath) {
        if (subPath == null) {
            return "";
        }
        String p = subPath.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals(".") ? "" : p;
    }

    private static String redactedMessage(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return RemoteUrls.redact(m);
    }

    @Override
    public void close() {
        // Git closes the repository itself when it opened it (clone); a wrapped one is ours to close.
        git.close();
        if (ownsRepository) {
            git.getRepository().close();
        }
    }
}

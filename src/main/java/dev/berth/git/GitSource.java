package dev.berth.git;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import dev.berth.host.FileTrees;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The followed repository: a bare clone Berth fetches into. Commits are exported to plain folders to
 * be read, so the clone's HEAD never stands for "what is deployed" (Orches' reset-before-apply bug).
 */
public final class GitSource implements AutoCloseable {
    /**
     * How long a remote may stay silent (to connect, or between two reads) before a clone or fetch gives up.
     * Without a bound, a forge that accepts the connection and then stops answering held a {@code berth sync},
     * or the daemon's one sync thread, for ever. JGit asks servers for no progress messages, so a server still
     * counting the objects of a large repository is silent too: two minutes leave it room.
     */
    static final Duration REMOTE_SILENCE = Duration.ofMinutes(2);

    static {
        JGitHostFacts.tellOnce();
        SshHandshakeBound.atMost(REMOTE_SILENCE); // JGit's timeout does not reach an ssh handshake that never ends
    }

    private final Git git;
    private final String ref;
    private final boolean ownsRepository;
    private final SshKeyTransport ssh;
    private final CommitLookup commits;
    private final TreeExport trees;

    private GitSource(Git git, String ref, boolean ownsRepository, SshKeyTransport ssh) {
        this.git = git;
        this.ref = ref;
        this.ownsRepository = ownsRepository;
        this.ssh = ssh;
        this.commits = new CommitLookup(git, this::remoteUrl);
        this.trees = new TreeExport(git.getRepository());
    }

    /** Clones {@code remote} (https, ssh, file:// or a local path) as a bare repository into {@code dir}. */
    public static GitSource cloneInto(String remote, String ref, Path dir) throws GitException {
        return cloneInto(remote, ref, dir, null);
    }

    /** @param sshKey private key file for ssh remotes, or null for the user's default keys */
    public static GitSource cloneInto(String remote, String ref, Path dir, Path sshKey) throws GitException {
        return cloneInto(remote, ref, dir, sshKey, REMOTE_SILENCE);
    }

    /** @param silence how long the remote may stay silent (to connect, or between two reads) before the clone gives up */
    static GitSource cloneInto(String remote, String ref, Path dir, Path sshKey, Duration silence) throws GitException {
        SshKeyTransport ssh = new SshKeyTransport(sshKey, remote);
        try {
            FileTrees.deleteRecursively(dir);
            Git g = Git.cloneRepository()
                    .setURI(RemoteUrls.withoutUserInfo(remote)) // the credential goes through ssh's provider, not the config
                    .setTransportConfigCallback(FetchChecker.around(ssh, GitLimits.DEFAULTS)) // fsck and size limits
                    .setDirectory(dir.toFile())
                    .setBare(true)
                    .setCloneAllBranches(true)
                    .setTimeout((int) silence.toSeconds())
                    .call();
            GitSource source = new GitSource(g, ref, false, ssh);
            source.resolve(); // fail now, at init, if the branch or tag does not exist
            return source;
        } catch (InvalidRemoteException e) {
            throw new GitException("cannot clone " + RemoteUrls.redact(remote) + ": no repository there", e);
        } catch (TransportException e) {
            throw new GitException("cannot clone " + RemoteUrls.redact(remote) + ": " + whyTransferFailed(e, remote, silence), e);
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
        fetch(REMOTE_SILENCE);
    }

    /** @param silence how long the remote may stay silent (to connect, or between two reads) before the fetch gives up */
    void fetch(Duration silence) throws GitException {
        try {
            git.fetch()
                    .setRemote("origin")
                    .setTimeout((int) silence.toSeconds())
                    .setCheckFetchedObjects(true)
                    .setTransportConfigCallback(FetchChecker.around(ssh, GitLimits.DEFAULTS)) // fsck and size limits
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                    .setRemoveDeletedRefs(true)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw new GitException("cannot fetch " + RemoteUrls.redact(remoteUrl()) + ": "
                    + whyTransferFailed(e, remoteUrl(), silence), e);
        }
    }

    /** The clone itself, for checks that read raw objects (commit signatures). */
    Repository repository() {
        return git.getRepository();
    }

    public String remoteUrl() {
        return git.getRepository().getConfig().getString("remote", "origin", "url");
    }

    /** The commit the followed branch or tag points at now (see {@link #fullRef} for how the ref is named). */
    public CommitInfo resolve() throws GitException {
        return commits.resolve(ref);
    }

    /**
     * The full name of the ref a {@code --ref} value names, so that exactly that ref is followed: a branch
     * pushed with the name of a followed tag must not take it over. {@code refs/heads/X} and {@code refs/tags/X}
     * are taken as given; a short name must name one branch or one tag, or (state of an earlier Berth) the one
     * of the two that points at {@code tieBreakCommit}; none is the branch the remote's HEAD named at clone time.
     */
    public String fullRef(String given, String tieBreakCommit) throws GitException {
        return commits.fullRef(given, tieBreakCommit);
    }

    /** True for a ref named in full, as Berth records it: {@code refs/heads/...} or {@code refs/tags/...}. */
    public static boolean isFullRef(String ref) {
        return CommitLookup.isFullRef(ref);
    }

    /** Looks up a commit by full or abbreviated id. */
    public CommitInfo commit(String idOrPrefix) throws GitException {
        return commits.commit(idOrPrefix);
    }

    /** True when {@code ancestor} is reachable from {@code descendant}. */
    public boolean isAncestor(String ancestor, String descendant) throws GitException {
        return commits.isAncestor(ancestor, descendant);
    }

    /** Commits on the followed ref, newest first (at most {@code limit}). */
    public List<CommitInfo> log(int limit) throws GitException {
        return commits.log(ref, limit);
    }

    /**
     * Writes the files of {@code commit} under {@code subPath} ("" = all) into {@code dest}, which is
     * replaced. Symlinks are recreated as symlinks (validation decides whether they may stay). The tree is
     * checked as a whole first ({@link #treeRefusal}): an unsafe one is an {@link UnsafeTreeException} and
     * nothing of it is written; files are then created new, never through a link.
     */
    public void export(String commit, String subPath, Path dest) throws GitException {
        trees.export(commit, subPath, dest);
    }

    /**
     * Why {@code commit} may not be exported, or empty: the checks of {@link #export} on the whole tree
     * under {@code subPath}, without writing anything, so a sync can refuse the commit before it starts.
     */
    public Optional<String> treeRefusal(CommitInfo commit, String subPath) throws GitException {
        return trees.treeRefusal(commit, subPath);
    }

    /**
     * The paths (relative to {@code subPath}) whose content differs between two commits, from git's tree
     * diff; empty when git cannot tell plainly (a symlink or submodule changed, a commit is missing).
     */
    public Optional<java.util.Set<String>> changedPaths(String from, String to, String subPath) {
        try {
            return new TreeChanges(git.getRepository()).between(from, to, subPath);
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty(); // any doubt: the caller reads everything
        }
    }

    private static final String REFUSED_FETCH = ". Berth checks every object it fetches (as 'git fsck' does) and refused"
            + " these, so nothing was fetched and this host stays as it is: remove the commit that holds it from the branch"
            + " (force-push)";

    /** True when the fetch stopped on Berth's object checks rather than on the network or the remote. */
    private static boolean refusedObjects(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jgit.errors.CorruptObjectException || t instanceof FetchChecker.OverLimit) {
                return true;
            }
        }
        return false;
    }

    /** What a clone or fetch met on the network, else JGit's message; and what to do when it refused objects. */
    private static String whyTransferFailed(Exception e, String remote, Duration silence) {
        return RemoteTrouble.of(e, remote, silence).orElseGet(() -> redactedMessage(e))
                + (refusedObjects(e) ? REFUSED_FETCH : "");
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

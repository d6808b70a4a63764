package dev.berth.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
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
                    .setTransportConfigCallback(FetchChecker.around(ssh, GitLimits.DEFAULTS)) // fsck and size limits
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
            throw new GitException("cannot clone " + RemoteUrls.redact(remote) + ": " + redactedMessage(e)
                    + (refusedObjects(e) ? REFUSED_FETCH : ""), e);
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
                    .setCheckFetchedObjects(true)
                    .setTransportConfigCallback(FetchChecker.around(ssh, GitLimits.DEFAULTS)) // fsck and size limits
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                    .setRemoveDeletedRefs(true)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw new GitException("cannot fetch " + RemoteUrls.redact(remoteUrl()) + ": " + redactedMessage(e)
                    + (refusedObjects(e) ? REFUSED_FETCH : ""), e);
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
        String full = fullRef(ref, null);
        try {
            Ref r = git.getRepository().exactRef(full);
            if (r == null || r.getObjectId() == null) {
                throw new GitException(full + " does not exist on " + RemoteUrls.redact(remoteUrl())
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
    public String fullRef(String given, String tieBreakCommit) throws GitException {
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
                throw new GitException("'" + given + "' is both a branch and a tag on " + RemoteUrls.redact(remoteUrl())
                        + ": name the one to follow in full, --ref " + tag.getName() + " or --ref " + branch.getName()
                        + (tieBreakCommit == null ? "" : " ('berth switch URL --ref ...')"));
            }
            if (branch == null && tag == null) {
                throw new GitException("branch or tag '" + given + "' does not exist on " + RemoteUrls.redact(remoteUrl())
                        + " (deleted?); the running deployment stays as it is. Use 'berth switch' to follow another ref");
            }
            return (branch != null ? branch : tag).getName();
        } catch (IOException e) {
            throw new GitException("cannot read the local clone: " + e.getMessage(), e);
        }
    }

    /** True for a ref named in full, as Berth records it: {@code refs/heads/...} or {@code refs/tags/...}. */
    public static boolean isFullRef(String ref) {
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
     * replaced. Symlinks are recreated as symlinks (validation decides whether they may stay). The tree is
     * checked as a whole first ({@link #treeRefusal}): an unsafe one is an {@link UnsafeTreeException} and
     * nothing of it is written; files are then created new, never through a link.
     */
    public void export(String commit, String subPath, Path dest) throws GitException {
        Path tmp = dest.resolveSibling(dest.getFileName() + ".partial");
        try {
            FileTrees.deleteRecursively(tmp);
            Repository repo = git.getRepository();
            String prefix = normalizeSubPath(subPath);
            List<CheckedTree.Entry> entries;
            try (RevWalk walk = new RevWalk(repo)) {
                entries = checked(walk.parseCommit(ObjectId.fromString(commit)), prefix);
            }
            if (entries.isEmpty() && !prefix.isEmpty()) {
                throw new GitException("commit " + commit.substring(0, 12) + " has no folder '" + prefix
                        + "' (the --path given to init)");
            }
            Files.createDirectories(tmp);
            for (CheckedTree.Entry e : entries) {
                Path out = TreePaths.inside(tmp, e.path());
                createFolders(tmp, out.getParent());
                ObjectLoader loader = repo.open(e.id());
                if (e.mode() == FileMode.SYMLINK) {
                    Files.createSymbolicLink(out, Path.of(new String(loader.getBytes(), StandardCharsets.UTF_8)));
                } else {
                    // CREATE_NEW and NOFOLLOW_LINKS: never through a link or over a file already written
                    try (var os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS)) {
                        loader.copyTo(os);
                    }
                    if (e.mode() == FileMode.EXECUTABLE_FILE) {
                        out.toFile().setExecutable(true, false);
                    }
                }
            }
            FileTrees.deleteRecursively(dest);
            Files.move(tmp, dest);
        } catch (UnsafeTreeException e) {
            deletePartial(tmp);
            throw new UnsafeTreeException("commit " + commit.substring(0, 12) + " is refused: " + e.getMessage()
                    + "; nothing of it was written. Push a commit without it");
        } catch (MissingObjectException e) {
            throw new GitException("commit " + commit + " is missing from the local clone", e);
        } catch (IOException | RuntimeException e) {
            throw new GitException("cannot export commit " + commit + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why {@code commit} may not be exported, or empty: the checks of {@link #export} on the whole tree
     * under {@code subPath}, without writing anything, so a sync can refuse the commit before it starts.
     */
    public Optional<String> treeRefusal(CommitInfo commit, String subPath) throws GitException {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            checked(walk.parseCommit(ObjectId.fromString(commit.id())), normalizeSubPath(subPath));
            return Optional.empty();
        } catch (UnsafeTreeException e) {
            return Optional.of("commit " + commit.shortId() + " (" + commit.subject() + ") is refused: " + e.getMessage()
                    + "; nothing of it was written. Push a commit without it");
        } catch (IOException | RuntimeException e) {
            throw new GitException("cannot read commit " + commit.id() + ": " + e.getMessage(), e);
        }
    }

    private List<CheckedTree.Entry> checked(RevCommit c, String prefix) throws IOException, UnsafeTreeException {
        return CheckedTree.read(git.getRepository(), c.getTree(), prefix, GitLimits.DEFAULTS);
    }

    /** Creates the folders from {@code root} down to {@code dir}, refusing to go through anything but a real folder. */
    private static void createFolders(Path root, Path dir) throws IOException, UnsafeTreeException {
        Path p = root;
        for (Path name : root.relativize(dir)) {
            p = p.resolve(name);
            if (Files.isSymbolicLink(p) || Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafeTreeException("'" + root.relativize(p) + "' is a file or symlink, and another entry would be written through it");
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(p);
            }
        }
    }

    private static void deletePartial(Path tmp) {
        try {
            FileTrees.deleteRecursively(tmp);
        } catch (IOException ignored) {
            // the next export deletes it first
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

package dev.berth.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crafted trees and oversize content against the clone: refused whole, nothing written outside the export. */
class GitSourceSafetyTest {
    @TempDir
    Path tmp;

    private static final GitLimits SMALL = new GitLimits(GitLimits.MIB, 2 * GitLimits.MIB, 1000, 3000, 3);

    private TestGitRepo remote() throws Exception {
        TestGitRepo repo = TestGitRepo.create(tmp.resolve("remote"));
        repo.write("web/web.container", "[Container]\nImage=a\n");
        repo.commit("good");
        return repo;
    }

    /** The crafted objects put straight into the clone, as if an older Berth, which did not check, had fetched them. */
    private String craftInClone(GitSource src, Craft craft) throws Exception {
        CraftedTree t = new CraftedTree(src.repository());
        return t.commitOnMain(craft.tree(t), "crafted");
    }

    private interface Craft {
        ObjectId tree(CraftedTree t) throws Exception;
    }

    @Test
    void dotDotEntriesAreRefusedAndNothingIsWrittenWhereTheyLead() throws Exception {
        Path out = tmp.resolve("a/b/out");
        Path reached = tmp.resolve("a/escaped"); // out.partial/../../escaped
        try (TestGitRepo repo = remote(); GitSource src = GitSource.cloneInto(repo.url(), null, tmp.resolve("clone"))) {
            String bad = craftInClone(src, t -> t.tree("web", FileMode.TREE,
                    t.tree("web.container", FileMode.REGULAR_FILE, t.blob("[Container]\nImage=a\n")),
                    "..", FileMode.TREE, t.dotDots(1, t.tree("escaped", FileMode.REGULAR_FILE, t.blob("pwned\n")))));

            assertThatThrownBy(() -> src.export(bad, "", out)).isInstanceOf(UnsafeTreeException.class)
                    .hasMessageContaining("commit " + bad.substring(0, 12) + " is refused")
                    .hasMessageContaining("'../../escaped' holds an entry named '..'");
            assertThat(reached).doesNotExist();
            assertThat(tmp.resolve("a/b/out.partial")).as("no partial export left behind").doesNotExist();
            assertThat(out).doesNotExist();
            assertThat(src.treeRefusal(src.commit(bad), "")).get().asString()
                    .contains(bad.substring(0, 12)).contains("(crafted) is refused").contains("'..'");
        }
    }

    @Test
    void dotGitDotAndEmptyNamesAreRefused() throws Exception {
        try (TestGitRepo repo = remote(); GitSource src = GitSource.cloneInto(repo.url(), null, tmp.resolve("clone"))) {
            for (String name : List.of(".git", ".GIT", ".", "")) {
                String bad = craftInClone(src, t -> t.tree(name, FileMode.TREE,
                        t.tree("config", FileMode.REGULAR_FILE, t.blob("[core]\n"))));
                assertThat(src.treeRefusal(src.commit(bad), "")).as(name).get().asString().contains("is refused");
                assertThatThrownBy(() -> src.export(bad, "", tmp.resolve("out"))).as(name)
                        .isInstanceOf(UnsafeTreeException.class);
                assertThat(tmp.resolve("out")).doesNotExist();
            }
        }
    }

    @Test
    void nothingIsWrittenThroughASymlinkOfTheSameTree() throws Exception {
        Path victim = Files.createDirectories(tmp.resolve("victim"));
        try (TestGitRepo repo = remote(); GitSource src = GitSource.cloneInto(repo.url(), null, tmp.resolve("clone"))) {
            // 'link' twice: a symlink to the victim folder, then a folder whose file would land in it
            String bad = craftInClone(src, t -> t.tree(
                    "link", FileMode.SYMLINK, t.blob(victim.toString()),
                    "link", FileMode.TREE, t.tree("planted", FileMode.REGULAR_FILE, t.blob("pwned\n"))));
            assertThatThrownBy(() -> src.export(bad, "", tmp.resolve("out"))).isInstanceOf(UnsafeTreeException.class)
                    .hasMessageContaining("'link/planted' would be written through 'link'");
            assertThat(victim.resolve("planted")).doesNotExist();
        }
    }

    @Test
    void onlyTheFollowedFolderIsChecked() throws Exception {
        try (TestGitRepo repo = remote(); GitSource src = GitSource.cloneInto(repo.url(), null, tmp.resolve("clone"))) {
            String commit = craftInClone(src, t -> t.tree(
                    "edge", FileMode.TREE, t.tree("web.container", FileMode.REGULAR_FILE, t.blob("[Container]\nImage=a\n")),
                    "other", FileMode.TREE, t.dotDots(3, t.tree("x", FileMode.REGULAR_FILE, t.blob("x")))));
            assertThat(src.treeRefusal(src.commit(commit), "edge")).isEmpty();
            src.export(commit, "edge", tmp.resolve("out"));
            assertThat(tmp.resolve("out/web.container")).exists();
            assertThat(src.treeRefusal(src.commit(commit), "")).isPresent();
        }
    }

    @Test
    void aFetchRefusesCraftedObjectsAndMovesNothing() throws Exception {
        try (TestGitRepo repo = remote(); GitSource src = GitSource.cloneInto(repo.url(), null, tmp.resolve("clone"))) {
            String good = src.resolve().id();
            CraftedTree t = new CraftedTree(repo.git().getRepository());
            t.commitOnMain(t.tree("..", FileMode.TREE, t.tree("x", FileMode.REGULAR_FILE, t.blob("x"))), "crafted");

            assertThatThrownBy(src::fetch).isInstanceOf(GitException.class)
                    .hasMessageContaining("'..'").hasMessageContaining("refused").hasMessageContaining("force-push");
            assertThat(src.resolve().id()).as("the branch did not move").isEqualTo(good);
        }
    }

    @Test
    void aCloneRefusesCraftedObjects() throws Exception {
        try (TestGitRepo repo = remote()) {
            CraftedTree t = new CraftedTree(repo.git().getRepository());
            t.commitOnMain(t.tree(".git", FileMode.TREE, t.tree("config", FileMode.REGULAR_FILE, t.blob("x"))), "crafted");
            assertThatThrownBy(() -> GitSource.cloneInto(repo.url(), null, tmp.resolve("clone")))
                    .isInstanceOf(GitException.class).hasMessageContaining(".git").hasMessageContaining("refused");
        }
    }

    @Test
    void theExportLimitsNameTheLimit() throws Exception {
        try (TestGitRepo repo = TestGitRepo.create(tmp.resolve("remote"))) {
            repo.write("a", "x".repeat(1001));
            String big = repo.commit("one file over");
            assertThatThrownBy(() -> checked(repo, big)).hasMessageContaining("'a' is 1001 bytes, over the limit of 1000 bytes for one file");
            repo.write("a", "x".repeat(1000)).write("b", "x".repeat(1000)).write("c", "x".repeat(1000)).write("d", "x");
            String many = repo.commit("too many");
            assertThatThrownBy(() -> checked(repo, many)).hasMessageContaining("more than 3 files");
            repo.delete("d");
            String fits = repo.commit("three of 1000");
            assertThat(checked(repo, fits)).hasSize(3);
            assertThatThrownBy(() -> CheckedTree.read(repo.git().getRepository(), tree(repo, fits), "",
                    new GitLimits(GitLimits.MIB, GitLimits.MIB, 1000, 2999, 10)))
                    .hasMessageContaining("add up to more than 2999 bytes");
        }
    }

    private static List<CheckedTree.Entry> checked(TestGitRepo repo, String commit) throws Exception {
        return CheckedTree.read(repo.git().getRepository(), tree(repo, commit), "", SMALL);
    }

    private static org.eclipse.jgit.revwalk.RevTree tree(TestGitRepo repo, String commit) throws Exception {
        try (RevWalk w = new RevWalk(repo.git().getRepository())) {
            return w.parseCommit(ObjectId.fromString(commit)).getTree();
        }
    }

    @Test
    void aFetchStopsAtTheLimitForOneObjectAndForAll() throws Exception {
        try (TestGitRepo repo = remote(); GitSource src = GitSource.cloneInto(repo.url(), null, tmp.resolve("clone"))) {
            repo.write("big.bin", "z".repeat((int) GitLimits.MIB + 1));
            repo.commit("over one object");
            assertThatThrownBy(() -> fetch(src, SMALL)).hasMessageContaining("over 1 MiB, the limit for one file a fetch may bring");
            repo.write("big.bin", "y".repeat((int) GitLimits.MIB - 10)).write("big2.bin", "w".repeat((int) GitLimits.MIB - 10))
                    .write("big3.bin", "v".repeat((int) GitLimits.MIB - 10));
            repo.commit("three under one, over all");
            assertThatThrownBy(() -> fetch(src, SMALL)).hasMessageContaining("more than 2 MiB of files, the limit for one fetch");
            fetch(src, GitLimits.DEFAULTS);
        }
    }

    private static void fetch(GitSource src, GitLimits limits) throws Exception {
        Git.wrap(src.repository()).fetch().setRemote("origin").setCheckFetchedObjects(true)
                .setTransportConfigCallback(FetchChecker.around(null, limits))
                .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*")).call();
    }
}

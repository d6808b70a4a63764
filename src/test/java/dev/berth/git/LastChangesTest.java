package dev.berth.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testing.Seeded;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last change of every file in one walk, against {@code git log -1 -- FILE} ({@link ChangeHistory}) per file. */
class LastChangesTest {
    @TempDir
    Path tmp;

    @Test
    void eachFileGetsTheNewestCommitThatChangedItUnderTheFollowedFolder() throws Exception {
        try (TestGitRepo repo = TestGitRepo.create(tmp.resolve("r"))) {
            String first = repo.write("hosts/web/a.container", "[Container]\nImage=a\n").write("hosts/web/b.container", "[Container]\nImage=b\n")
                    .write("other/c.container", "x").commit("first");
            String second = repo.write("hosts/web/b.container", "[Container]\nImage=b2\n").commit("b changes");
            String third = repo.write("hosts/web/a.container.d/10-env.conf", "[Container]\nEnvironment=X=1\n")
                    .write("other/c.container", "y").commit("a drop-in; elsewhere too");
            String back = repo.write("hosts/web/b.container", "[Container]\nImage=b\n").commit("b back as it was first");
            String last = repo.write("README", "r").commit("outside the folder");
            try (GitSource source = GitSource.open(repo.dir().resolve(".git"), null)) {
                Map<String, LastChange> changes = LastChanges.of(source, last, "hosts/web");
                assertThat(changes).containsOnlyKeys("a.container", "b.container", "a.container.d/10-env.conf");
                assertThat(changes.get("a.container").commit()).isEqualTo(first);
                assertThat(changes.get("a.container.d/10-env.conf").commit()).isEqualTo(third);
                assertThat(changes.get("b.container").commit()).as("changing a file back is a change").isEqualTo(back);
                assertThat(LastChanges.of(source, second, "").get("other/c.container").commit()).isEqualTo(first);
            }
        }
    }

    @Test
    void aMergeChangedOnlyWhatDiffersFromBothSides() throws Exception {
        try (TestGitRepo repo = TestGitRepo.create(tmp.resolve("m"))) {
            repo.write("x.container", "x0").write("y.container", "y0").commit("base");
            String main = repo.git().getRepository().getBranch();
            repo.git().checkout().setCreateBranch(true).setName("side").call();
            String side = repo.write("x.container", "x1").commit("x on a branch");
            repo.git().checkout().setName(main).call();
            String onMain = repo.write("y.container", "y1").commit("y on main");
            String merge = repo.git().merge().include(repo.git().getRepository().resolve("side"))
                    .setCommit(true).setMessage("merge").call().getNewHead().getName();
            try (GitSource source = GitSource.open(repo.dir().resolve(".git"), null)) {
                Map<String, LastChange> changes = LastChanges.of(source, merge, "");
                assertThat(changes.get("x.container").commit()).as("taken from the branch as it was").isEqualTo(side);
                assertThat(changes.get("y.container").commit()).isEqualTo(onMain);
            }
        }
    }

    @Test
    void oneWalkAgreesWithGitLogForEveryFile() {
        List<String> names = List.of("a.container", "b.network", "d/c.volume", "d/e/f.conf", "g.env");
        Seeded.check(8, draw -> draw.list(12, d -> d.uniqueList(3, dd -> dd.of(names), n -> n)), history -> {
            Path dir = tmp.resolve("p" + System.nanoTime());
            try (TestGitRepo repo = TestGitRepo.create(dir)) {
                int n = 0;
                String head = repo.write("seed", "0").commit("root");
                for (List<String> changed : history) {
                    for (String f : changed) {
                        repo.write(f, "content " + n++);
                    }
                    head = repo.commit("change " + changed);
                }
                try (GitSource source = GitSource.open(dir.resolve(".git"), null);
                     ChangeHistory log = ChangeHistory.open(dir.resolve(".git"))) {
                    Map<String, LastChange> all = LastChanges.of(source, head, "");
                    assertThat(new TreeSet<>(all.keySet())).isEqualTo(files(history));
                    for (String f : all.keySet()) {
                        assertThat(all.get(f)).as(f).isEqualTo(log.lastChange(head, "", List.of(f)));
                    }
                }
            }
        });
    }

    private static TreeSet<String> files(List<List<String>> history) {
        TreeSet<String> out = new TreeSet<>(List.of("seed"));
        history.forEach(out::addAll);
        return out;
    }
}

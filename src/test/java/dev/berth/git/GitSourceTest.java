package dev.berth.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTest {
    @TempDir
    Path tmp;

    @Test
    void clonesExportsASubfolderAndFollowsNewCommits() throws Exception {
        try (TestGitRepo repo = TestGitRepo.create(tmp.resolve("remote"))) {
            repo.write("site/web.container", "[Container]\nImage=a\n").write("README.md", "x");
            String first = repo.commit("first");
            try (GitSource src = GitSource.cloneInto(repo.url(), null, tmp.resolve("clone"))) {
                assertThat(src.resolve().id()).isEqualTo(first);
                src.export(first, "site", tmp.resolve("out"));
                assertThat(tmp.resolve("out/web.container")).hasContent("[Container]\nImage=a");
                assertThat(tmp.resolve("out/README.md")).doesNotExist();

                repo.write("site/web.container", "[Container]\nImage=b\n");
                String second = repo.commit("second");
                assertThat(src.resolve().id()).as("no fetch yet").isEqualTo(first);
                src.fetch();
                assertThat(src.resolve()).extracting(CommitInfo::id, CommitInfo::subject).containsExactly(second, "second");
                assertThat(src.isAncestor(first, second)).isTrue();
            }
        }
    }

    @Test
    void followsAForcePushedBranch() throws Exception {
        try (TestGitRepo repo = TestGitRepo.create(tmp.resolve("remote"))) {
            repo.write("a.container", "[Container]\nImage=a\n");
            String first = repo.commit("first");
            repo.write("a.container", "[Container]\nImage=b\n");
            repo.commit("second");
            try (GitSource src = GitSource.cloneInto(repo.url(), "main", tmp.resolve("clone"))) {
                repo.git().reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(first).call();
                repo.write("a.container", "[Container]\nImage=c\n");
                String rewritten = repo.commit("rewritten");
                src.fetch();
                assertThat(src.resolve().id()).isEqualTo(rewritten);
            }
        }
    }

    @Test
    void aDeletedBranchIsAClearErrorNamingIt() throws Exception {
        try (TestGitRepo repo = TestGitRepo.create(tmp.resolve("remote"))) {
            repo.write("a.container", "[Container]\nImage=a\n");
            repo.commit("first");
            repo.git().branchCreate().setName("prod").call();
            try (GitSource src = GitSource.cloneInto(repo.url(), "prod", tmp.resolve("clone"))) {
                RefUpdate del = repo.git().getRepository().updateRef("refs/heads/prod");
                del.setForceUpdate(true);
                del.delete();
                src.fetch();
                assertThatThrownBy(src::resolve).isInstanceOf(GitException.class)
                        .hasMessageContaining("'prod' does not exist");
            }
        }
    }

    @Test
    void cloneOfAMissingRemoteFailsClearly() {
        assertThatThrownBy(() -> GitSource.cloneInto(tmp.resolve("nope").toUri().toString(), null, tmp.resolve("clone")))
                .isInstanceOf(GitException.class).hasMessageContaining("cannot clone");
    }

    @Test
    void exportKeepsSymlinksAsLinksAndRefusesAMissingPath() throws Exception {
        try (TestGitRepo repo = TestGitRepo.create(tmp.resolve("remote"))) {
            repo.write("web@.container", "[Container]\nImage=a\n");
            Files.createSymbolicLink(repo.dir().resolve("web@blue.container"), Path.of("web@.container"));
            String c = repo.commit("instances");
            try (GitSource src = GitSource.cloneInto(repo.url(), null, tmp.resolve("clone"))) {
                src.export(c, "", tmp.resolve("out"));
                assertThat(Files.isSymbolicLink(tmp.resolve("out/web@blue.container"))).isTrue();
                assertThatThrownBy(() -> src.export(c, "nope", tmp.resolve("out2")))
                        .isInstanceOf(GitException.class).hasMessageContaining("no folder 'nope'");
            }
        }
    }

    @Test
    void redactsCredentialsInUrlsAndMessages() {
        assertThat(RemoteUrls.redact("https://user:s3cret@git.example.com/r.git")).isEqualTo("https://***@git.example.com/r.git");
        assertThat(RemoteUrls.redact("cannot fetch https://tok@h/r: 401")).isEqualTo("cannot fetch https://***@h/r: 401");
        assertThat(RemoteUrls.redact("/srv/repo")).isEqualTo("/srv/repo");
    }
}

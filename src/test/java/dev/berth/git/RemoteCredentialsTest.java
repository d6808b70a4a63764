package dev.berth.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote's user and password: redacted whole, handed to git apart from the URL, never kept in the clone's config. */
class RemoteCredentialsTest {
    @TempDir
    Path tmp;

    @Test
    void aPasswordHoldingAnAtIsRedactedWhole() {
        assertThat(RemoteUrls.redact("http://u:p@ss@host/r.git")).isEqualTo("http://***@host/r.git");
        assertThat(RemoteUrls.redact("cannot fetch https://u:a@b@c@git.example.com/r: 401 and https://h/x"))
                .isEqualTo("cannot fetch https://***@git.example.com/r: 401 and https://h/x");
        assertThat(RemoteUrls.redact("ssh://git@host/r.git")).isEqualTo("ssh://***@host/r.git");
    }

    @Test
    void credentialsAreSplitAtTheLastAtAndDecoded() {
        assertThat(RemoteUrls.credentials("http://u:p@ss@host/r.git")).contains(new RemoteUrls.Credentials("u", "p@ss"));
        assertThat(RemoteUrls.credentials("https://me:t%2Fk+n@host/r")).contains(new RemoteUrls.Credentials("me", "t/k+n"));
        assertThat(RemoteUrls.credentials("https://TOKEN@host/r")).contains(new RemoteUrls.Credentials("TOKEN", ""));
        assertThat(RemoteUrls.credentials("https://host/r")).isEmpty();
        assertThat(RemoteUrls.credentials("ssh://git@host/r")).as("an ssh user is an account, not a credential").isEmpty();
        assertThat(RemoteUrls.withoutUserInfo("http://u:p@ss@host/r.git")).isEqualTo("http://host/r.git");
        assertThat(RemoteUrls.withoutUserInfo("ssh://git@host/r.git")).isEqualTo("ssh://git@host/r.git");
        assertThat(new RemoteUrls.Credentials("u", "secret").toString()).doesNotContain("secret");
    }

    @Test
    void aCloneWhoseConfigHoldsTheTokenHasItRemovedWhenOpenedForTheRemote() throws Exception {
        Path clone = tmp.resolve("repo.git");
        try (Git g = Git.init().setBare(true).setDirectory(clone.toFile()).call()) {
            var config = g.getRepository().getConfig();
            config.setString("remote", "origin", "url", "https://u:tok3n@git.example.com/r.git");
            config.save();
        }
        try (GitSource source = GitSource.open(clone, null, null, "https://u:tok3n@git.example.com/r.git")) {
            assertThat(source.remoteUrl()).isEqualTo("https://git.example.com/r.git");
        }
        assertThat(Files.readString(clone.resolve("config"))).doesNotContain("tok3n").contains("https://git.example.com/r.git");
    }
}

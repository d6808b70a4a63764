package dev.berth.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.status.NotifyStatus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyFilesTest {
    @TempDir
    Path dir;

    @Test
    void everySinkAndTheCommitStatusSurviveTheFileOwnerOnly() throws Exception {
        NotifyConfig config = NotifyConfig.EMPTY
                .with(new Sink.Webhook("hook", Set.of(), URI.create("https://example.org/hook/abcdefgh12345")))
                .with(new Sink.Ntfy("phone", EnumSet.of(EventKind.FAILED, EventKind.REFUSED), URI.create("https://ntfy.sh/topic-xyz"), "tk_secret1"))
                .with(new Sink.Slack("chat", Set.of(), URI.create("https://hooks.slack.com/services/T0/B0/XXXXXXXXXXXX")))
                .with(new Sink.Matrix("room", Set.of(), URI.create("https://matrix.example.org"), "!r:example.org", "syt_token"))
                .with(new Sink.Email("mail", Set.of(EventKind.UNHEALTHY), "smtp.example.org", 587, Sink.Email.Security.STARTTLS,
                        "u", "pw-secret", "berth@example.org", List.of("a@example.org", "b@example.org")))
                .withCommitStatus(new CommitStatus(Forge.GITLAB, URI.create("https://gitlab.example.org/api/v4"), "grp/proj", "glpat-x"));
        NotifyFiles files = new NotifyFiles(dir);
        files.save(config);

        assertThat(files.config()).isEqualTo(config);
        assertThat(Files.getPosixFilePermissions(files.configPath())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(config.repeatWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(String.join("\n", config.describe())).contains("phone", "ntfy", "[failed, refused]", "all (but deploying)",
                        "https://hooks.slack.com/***", "commit-status")
                .doesNotContain("tk_secret1", "XXXXXXXXXXXX", "syt_token", "pw-secret", "glpat-x", "topic-xyz", "abcdefgh12345");
    }

    @Test
    void aBrokenFileIsAnErrorNamingIt() throws Exception {
        NotifyFiles files = new NotifyFiles(dir);
        Files.writeString(files.configPath(), "{\"sinks\": [{\"type\": \"pager\", \"name\": \"x\"}]}");
        assertThatThrownBy(files::config).hasMessageContaining(files.configPath().toString()).hasMessageContaining("line 1");
    }

    @Test
    void namesAreUniqueAndRemovingAnUnknownOneSaysSo() {
        NotifyConfig one = NotifyConfig.EMPTY.with(new Sink.Slack("chat", Set.of(), URI.create("https://x.example/h")));
        assertThatThrownBy(() -> one.with(new Sink.Slack("chat", Set.of(), URI.create("https://y.example/h"))))
                .hasMessageContaining("exists already");
        assertThatThrownBy(() -> one.without("nope")).hasMessageContaining("no sink named 'nope'");
        assertThat(one.without("chat").sinks()).isEmpty();
    }

    @Test
    void theStatusLineSaysWhatWasSentAndTheLastError() throws Exception {
        NotifyFiles files = new NotifyFiles(dir);
        assertThat(files.status()).isEmpty();
        files.saveStatus(NotifyStatus.NONE
                .sent(new NotifyStatus.Sent("2026-01-01T00:00:00Z", "hook", EventKind.DEPLOYED.word(), "0123456789abcdef0123"))
                .failed(new NotifyStatus.Failure("2026-01-01T00:01:00Z", "mail", EventKind.FAILED.word(), "SMTP: refused"))
                .dropped(2));
        assertThat(files.status().orElseThrow().line()).isEqualTo("last sent deployed 0123456789ab to hook at 2026-01-01T00:00:00Z;"
                + " last error 2026-01-01T00:01:00Z mail (failed): SMTP: refused; 2 dropped (queue full)");
    }
}

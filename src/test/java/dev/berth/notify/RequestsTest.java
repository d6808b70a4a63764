package dev.berth.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.apply.Refusal;
import dev.berth.json.Json;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The request each HTTP sink and each forge's commit status makes. */
class RequestsTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final Event REFUSED = new Event(EventKind.REFUSED, "edge-1", SHA, "f".repeat(40), "commit 0123 is invalid",
            Optional.of(Refusal.Kind.VALIDATION), List.of(), Instant.parse("2026-11-30T12:00:00Z"));

    @Test
    void theWebhookDocumentIsSchemaV1() throws Exception {
        Outgoing o = SinkRequests.webhook(new Sink.Webhook("h", Set.of(), URI.create("https://example.org/h")), REFUSED);
        assertThat(o.method()).isEqualTo("POST");
        JsonNode doc = Json.mapper().readTree(o.body());
        assertThat(doc.path("schema").asText()).isEqualTo("berth.notification/v1");
        assertThat(doc.path("kind").asText()).isEqualTo("refused");
        assertThat(doc.path("refusal").asText()).isEqualTo("validation");
        assertThat(doc.path("commit").asText()).isEqualTo(SHA);
        assertThat(doc.path("previousCommit").asText()).isEqualTo("f".repeat(40));
        assertThat(doc.path("time").asText()).isEqualTo("2026-11-30T12:00:00Z");
        assertThat(doc.path("failedUnits").isArray()).isTrue();
        assertThat(doc.fieldNames()).toIterable().containsExactly("schema", "kind", "host", "commit", "previousCommit", "reason",
                "refusal", "failedUnits", "time");
    }

    @Test
    void ntfyPostsTheBodyWithTitlePriorityAndTags() {
        Outgoing o = SinkRequests.ntfy(new Sink.Ntfy("n", Set.of(), URI.create("https://ntfy.sh/topic"), "tk_1"), REFUSED);
        assertThat(o.uri()).hasToString("https://ntfy.sh/topic");
        assertThat(o.headers()).containsEntry("Title", "berth edge-1: refused 0123456789ab (validation)")
                .containsEntry("Priority", "high").containsEntry("Tags", "berth,refused").containsEntry("Authorization", "Bearer tk_1");
        assertThat(o.body()).contains("commit 0123 is invalid").contains(SHA);
    }

    @Test
    void slackGetsText() throws Exception {
        Outgoing o = SinkRequests.slack(new Sink.Slack("s", Set.of(), URI.create("https://hooks.slack.com/services/x")), REFUSED);
        assertThat(Json.mapper().readTree(o.body()).path("text").asText()).startsWith("*berth edge-1: refused 0123456789ab");
    }

    @Test
    void matrixPutsAnMTextWithTheRoomEscapedAndTheToken() throws Exception {
        Outgoing o = SinkRequests.matrix(new Sink.Matrix("m", Set.of(), URI.create("https://matrix.example.org/"), "!abc:example.org",
                "syt_1"), REFUSED, "txn-1");
        assertThat(o.method()).isEqualTo("PUT");
        assertThat(o.uri()).hasToString("https://matrix.example.org/_matrix/client/v3/rooms/%21abc%3Aexample.org/send/m.room.message/txn-1");
        assertThat(o.headers()).containsEntry("Authorization", "Bearer syt_1");
        assertThat(Json.mapper().readTree(o.body()).path("msgtype").asText()).isEqualTo("m.text");
    }

    @Test
    void gitHubAndGiteaPostStatusesUnderTheirBase() throws Exception {
        Outgoing gh = new CommitStatus(Forge.GITHUB, URI.create("https://api.github.com"), "acme/site", "ghp")
                .request(SHA, "edge-1", CommitStatus.State.PENDING, "deploying");
        assertThat(gh.uri()).hasToString("https://api.github.com/repos/acme/site/statuses/" + SHA);
        assertThat(gh.headers()).containsEntry("Authorization", "Bearer ghp").containsEntry("Accept", "application/vnd.github+json");
        JsonNode body = Json.mapper().readTree(gh.body());
        assertThat(body.path("state").asText()).isEqualTo("pending");
        assertThat(body.path("context").asText()).isEqualTo("berth/edge-1");

        Outgoing gitea = new CommitStatus(Forge.GITEA, URI.create("https://git.example.org/api/v1/"), "acme/site", "tok")
                .request(SHA, "edge-1", CommitStatus.State.FAILURE, "x");
        assertThat(gitea.uri()).hasToString("https://git.example.org/api/v1/repos/acme/site/statuses/" + SHA);
        assertThat(gitea.headers()).containsEntry("Authorization", "token tok");
        assertThat(Json.mapper().readTree(gitea.body()).path("state").asText()).isEqualTo("failure");
    }

    @Test
    void gitLabEncodesTheProjectPathAndSaysFailed() throws Exception {
        Outgoing o = new CommitStatus(Forge.GITLAB, URI.create("https://gitlab.com/api/v4"), "group/sub/project", "glpat")
                .request(SHA, "edge-1", CommitStatus.State.FAILURE, "refused");
        assertThat(o.uri()).hasToString("https://gitlab.com/api/v4/projects/group%2Fsub%2Fproject/statuses/" + SHA);
        assertThat(o.headers()).containsEntry("PRIVATE-TOKEN", "glpat");
        JsonNode body = Json.mapper().readTree(o.body());
        assertThat(body.path("state").asText()).isEqualTo("failed");
        assertThat(body.path("name").asText()).isEqualTo("berth/edge-1");
    }

    @Test
    void statesFollowTheEventsAndBadInputIsRefused() {
        assertThat(CommitStatus.stateFor(EventKind.DEPLOYING)).contains(CommitStatus.State.PENDING);
        assertThat(CommitStatus.stateFor(EventKind.DEPLOYED)).contains(CommitStatus.State.SUCCESS);
        assertThat(CommitStatus.stateFor(EventKind.REFUSED)).contains(CommitStatus.State.FAILURE);
        assertThat(CommitStatus.stateFor(EventKind.ROLLED_BACK)).isEmpty(); // its FAILED already said so
        CommitStatus gh = new CommitStatus(Forge.GITHUB, URI.create("https://api.github.com"), "acme", "t");
        assertThatThrownBy(() -> gh.request(SHA, "h", CommitStatus.State.SUCCESS, "x")).hasMessageContaining("OWNER/NAME");
        assertThatThrownBy(() -> gh.request("../../x", "h", CommitStatus.State.SUCCESS, "x")).hasMessageContaining("not a commit id");
    }
}

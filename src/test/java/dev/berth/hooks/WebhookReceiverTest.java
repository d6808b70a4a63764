package dev.berth.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebhookReceiverTest {
    private static final String SECRET = "whsec_" + "c2VjcmV0LWZvci10aGUtdGVzdHMtb2YtYmVydGgtaG9va3M=";
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final AtomicInteger syncs = new AtomicInteger();
    private String followed = "refs/heads/main";
    private String secret = SECRET;

    private final WebhookHost host = new WebhookHost() {
        @Override
        public Optional<WebhookSecret> secret() {
            return Optional.ofNullable(secret).map(WebhookSecret::of);
        }

        @Override
        public Optional<String> followedRef() {
            return Optional.ofNullable(followed);
        }

        @Override
        public void syncNow() {
            syncs.incrementAndGet();
        }
    };
    private final WebhookReceiver receiver = new WebhookReceiver(host, Clock.fixed(NOW, ZoneOffset.UTC));

    private Reception push(Forge forge, String ref, String id) {
        byte[] body = ForgeSender.pushPayload(forge, ref);
        return receiver.receive(forge, new Delivery(ForgeSender.pushHeaders(forge, SECRET, body, id, NOW), body));
    }

    @ParameterizedTest
    @EnumSource(Forge.class)
    void aPushOfTheFollowedBranchTriggersOneSync(Forge forge) {
        Reception r = push(forge, "refs/heads/main", "d-" + forge);
        assertThat(r).isEqualTo(new Reception(202, WebhookOutcome.TRIGGERED, "sync triggered: push to refs/heads/main",
                "d-" + forge, "refs/heads/main"));
        assertThat(syncs).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Forge.class)
    void aPushOfAnotherRefIsAcknowledgedAndIgnored(Forge forge) {
        Reception r = push(forge, "refs/heads/develop", "d-1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.outcome()).isEqualTo(WebhookOutcome.IGNORED);
        assertThat(r.reason()).isEqualTo("push to refs/heads/develop; this host follows refs/heads/main");
        assertThat(syncs).hasValue(0);
    }

    @Test
    void aTagIsFollowedByItsFullRefAndAShortNameByBranchOrTag() {
        followed = "refs/tags/v2";
        assertThat(push(Forge.GITHUB, "refs/heads/v2", "a").outcome()).isEqualTo(WebhookOutcome.IGNORED);
        assertThat(push(Forge.GITHUB, "refs/tags/v2", "b").outcome()).isEqualTo(WebhookOutcome.TRIGGERED);
        followed = "main"; // a state folder older than full refs
        assertThat(push(Forge.GITEA, "refs/heads/main", "c").outcome()).isEqualTo(WebhookOutcome.TRIGGERED);
        assertThat(push(Forge.GITEA, "refs/heads/mainline", "d").outcome()).isEqualTo(WebhookOutcome.IGNORED);
        assertThat(syncs).hasValue(2);
    }

    @ParameterizedTest
    @EnumSource(Forge.class)
    void aWrongSignatureIs401AndDoesNothingElse(Forge forge) {
        byte[] body = ForgeSender.pushPayload(forge, "refs/heads/main");
        Map<String, String> headers = ForgeSender.pushHeaders(forge, "whsec_" + "Zm9yZ2Vk".repeat(5), body, "d-1", NOW);
        Reception r = receiver.receive(forge, new Delivery(headers, body));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.outcome()).isEqualTo(WebhookOutcome.REFUSED);
        assertThat(r.ref()).isNull(); // the unverified body is never read
        assertThat(syncs).hasValue(0);
        // and the forged delivery's id is not remembered: the real one with that id still gets through
        assertThat(push(forge, "refs/heads/main", "d-1").outcome()).isEqualTo(WebhookOutcome.TRIGGERED);
    }

    @Test
    void theSameDeliveryAgainIsIgnoredAndSoIsTheSameBodyUnderANewId() {
        byte[] body = ForgeSender.pushPayload(Forge.GITHUB, "refs/heads/main");
        Map<String, String> headers = ForgeSender.pushHeaders(Forge.GITHUB, SECRET, body, "d-1", NOW);
        assertThat(receiver.receive(Forge.GITHUB, new Delivery(headers, body)).outcome()).isEqualTo(WebhookOutcome.TRIGGERED);
        Reception again = receiver.receive(Forge.GITHUB, new Delivery(headers, body));
        assertThat(again).isEqualTo(new Reception(200, WebhookOutcome.IGNORED, "delivery seen already (a replay)", "d-1", null));
        Map<String, String> newId = new LinkedHashMap<>(headers);
        newId.put("X-GitHub-Delivery", "d-2");
        assertThat(receiver.receive(Forge.GITHUB, new Delivery(newId, body)).outcome()).isEqualTo(WebhookOutcome.IGNORED);
        assertThat(syncs).hasValue(1);
    }

    @Test
    void aStandardWebhooksReplayByIdIsIgnored() {
        assertThat(push(Forge.STANDARD, "refs/heads/main", "msg_1").outcome()).isEqualTo(WebhookOutcome.TRIGGERED);
        assertThat(push(Forge.STANDARD, "refs/heads/main", "msg_1").outcome()).isEqualTo(WebhookOutcome.IGNORED);
        // the same body under another id is another message: it is signed with its id
        assertThat(push(Forge.STANDARD, "refs/heads/main", "msg_2").outcome()).isEqualTo(WebhookOutcome.TRIGGERED);
        assertThat(syncs).hasValue(2);
    }

    @Test
    void aStandardWebhooksDeliveryNamingNoRefTriggers() {
        byte[] body = "{\"type\":\"deploy\"}".getBytes(StandardCharsets.UTF_8);
        Reception r = receiver.receive(Forge.STANDARD, new Delivery(ForgeSender.pushHeaders(Forge.STANDARD, SECRET, body, "m", NOW), body));
        assertThat(r.outcome()).isEqualTo(WebhookOutcome.TRIGGERED);
        assertThat(syncs).hasValue(1);
    }

    @Test
    void otherEventsAreAcknowledgedAndIgnored() {
        byte[] ping = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8);
        Reception r = receiver.receive(Forge.GITHUB, new Delivery(ForgeSender.headers(Forge.GITHUB, "ping", SECRET, ping, "p", NOW), ping));
        assertThat(r).isEqualTo(new Reception(200, WebhookOutcome.IGNORED, "not a push (event ping)", "p", null));
        byte[] mr = ForgeSender.pushPayload(Forge.GITLAB, "refs/heads/main");
        Reception gitlab = receiver.receive(Forge.GITLAB,
                new Delivery(ForgeSender.headers(Forge.GITLAB, "Merge Request Hook", SECRET, mr, "m", NOW), mr));
        assertThat(gitlab.outcome()).isEqualTo(WebhookOutcome.IGNORED);
        byte[] tag = ForgeSender.pushPayload(Forge.GITLAB, "refs/tags/v1");
        followed = "refs/tags/v1";
        Reception tagPush = receiver.receive(Forge.GITLAB,
                new Delivery(ForgeSender.headers(Forge.GITLAB, "Tag Push Hook", SECRET, tag, "t", NOW), tag));
        assertThat(tagPush.outcome()).isEqualTo(WebhookOutcome.TRIGGERED);
        assertThat(syncs).hasValue(1);
    }

    @Test
    void aSignedBodyThatIsNotJsonIsRefusedWithAdvice() {
        byte[] form = "payload=%7B%22ref%22%3A%22refs%2Fheads%2Fmain%22%7D".getBytes(StandardCharsets.UTF_8);
        Reception r = receiver.receive(Forge.GITHUB, new Delivery(ForgeSender.pushHeaders(Forge.GITHUB, SECRET, form, "f", NOW), form));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.reason()).contains("application/json");
        assertThat(syncs).hasValue(0);
    }

    @Test
    void withoutASecretWebhooksAreOff() {
        secret = null;
        Reception r = push(Forge.GITHUB, "refs/heads/main", "d");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.reason()).contains("berth webhook secret");
        assertThat(syncs).hasValue(0);
    }

    @Test
    void requestTextShownInStatusIsCleanedAndBounded() {
        assertThat(WebhookReceiver.shown("a\nb\u001b[31m")).isEqualTo("a?b?[31m");
        assertThat(WebhookReceiver.shown("x".repeat(500))).hasSize(203);
        Reception r = push(Forge.GITHUB, "refs/heads/" + "n".repeat(300), "d");
        assertThat(r.reason().length()).isLessThan(300);
    }

    @Test
    void deliveriesAreForgottenAfterTheWindowAndBeyondTheCapacity() {
        RecentDeliveries recent = new RecentDeliveries(3, Duration.ofMinutes(10));
        assertThat(recent.firstTime("a", NOW)).isTrue();
        assertThat(recent.firstTime("a", NOW.plusSeconds(60))).isFalse();
        assertThat(recent.firstTime("a", NOW.plus(Duration.ofMinutes(11)))).isTrue();
        for (String k : new String[] {"b", "c", "d", "e"}) {
            recent.firstTime(k, NOW.plus(Duration.ofMinutes(12)));
        }
        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.firstTime("e", NOW.plus(Duration.ofMinutes(12)))).isFalse();
        assertThat(recent.firstTime("a", NOW.plus(Duration.ofMinutes(12)))).isTrue(); // pushed out by the capacity
    }
}

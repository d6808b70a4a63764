package dev.berth.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureSchemeTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant NOW = Instant.ofEpochSecond(1_780_000_000L);

    private static Verdict verify(Forge forge, Map<String, String> headers, byte[] body, String secret, Instant now) {
        return forge.signature().verify(new Delivery(headers, body), WebhookSecret.of(secret), now);
    }

    @Test
    void githubsDocumentedExampleVerifies() {
        // GitHub's "Validating webhook deliveries": secret "It's a Secret to Everybody", body "Hello, World!"
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = Map.of("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
        assertThat(verify(Forge.GITHUB, h, body, "It's a Secret to Everybody", NOW)).isInstanceOf(Verdict.Authentic.class);
        assertThat(verify(Forge.GITHUB, h, body, "It's a secret to everybody", NOW)).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void standardWebhooksSpecExampleVerifiesWithinFiveMinutesOnly() {
        // the Standard Webhooks spec's example: its secret, id, timestamp, body and signature
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = Map.of("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp", "1614265330",
                "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        Instant sent = Instant.ofEpochSecond(1614265330);
        assertThat(verify(Forge.STANDARD, h, body, SECRET, sent.plusSeconds(299))).isInstanceOf(Verdict.Authentic.class);
        assertThat(verify(Forge.STANDARD, h, body, SECRET, sent.minusSeconds(299))).isInstanceOf(Verdict.Authentic.class);
        assertThat(verify(Forge.STANDARD, h, body, SECRET, sent.plusSeconds(301)))
                .isEqualTo(new Verdict.Refused("webhook-timestamp is more than 5 minutes from this host's clock (a replay, or a clock out of step)"));
        assertThat(verify(Forge.STANDARD, h, body, SECRET, sent.minus(Duration.ofSeconds(301)))).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void standardWebhooksTakesAnyMatchingV1EntryAndNoOtherVersion() {
        byte[] body = ForgeSender.pushPayload(Forge.STANDARD, "refs/heads/main");
        Map<String, String> h = new LinkedHashMap<>(ForgeSender.pushHeaders(Forge.STANDARD, SECRET, body, "msg_1", NOW));
        String good = h.get("webhook-signature");
        h.put("webhook-signature", "v1,AAAA" + " " + good);
        assertThat(verify(Forge.STANDARD, h, body, SECRET, NOW)).isInstanceOf(Verdict.Authentic.class);
        h.put("webhook-signature", good.replace("v1,", "v2,"));
        assertThat(verify(Forge.STANDARD, h, body, SECRET, NOW)).isInstanceOf(Verdict.Refused.class);
        h.put("webhook-signature", good);
        h.put("webhook-id", "msg_2"); // the id is signed: another id is another signature
        assertThat(verify(Forge.STANDARD, h, body, SECRET, NOW)).isInstanceOf(Verdict.Refused.class);
    }

    @ParameterizedTest
    @EnumSource(Forge.class)
    void eachForgesExamplePushSignedByItsRulesVerifies(Forge forge) {
        byte[] body = ForgeSender.pushPayload(forge, "refs/heads/main");
        Map<String, String> h = ForgeSender.pushHeaders(forge, SECRET, body, "f6266f16-1bf3-46a5-9ea4-602e06ead473", NOW);
        assertThat(verify(forge, h, body, SECRET, NOW)).isInstanceOf(Verdict.Authentic.class);
    }

    @ParameterizedTest
    @EnumSource(Forge.class)
    void aChangedBodyOrAnotherSecretIsRefused(Forge forge) {
        byte[] body = ForgeSender.pushPayload(forge, "refs/heads/main");
        Map<String, String> h = ForgeSender.pushHeaders(forge, SECRET, body, "d-1", NOW);
        byte[] tampered = ForgeSender.pushPayload(forge, "refs/heads/evil");
        if (forge != Forge.GITLAB) { // GitLab signs nothing: its token proves only who sent it
            assertThat(verify(forge, h, tampered, SECRET, NOW)).isInstanceOf(Verdict.Refused.class);
        }
        assertThat(verify(forge, h, body, "whsec_" + "A".repeat(40), NOW)).isInstanceOf(Verdict.Refused.class);
    }

    @ParameterizedTest
    @EnumSource(Forge.class)
    void aDeliveryWithoutItsSignatureHeaderIsRefusedNamingIt(Forge forge) {
        byte[] body = ForgeSender.pushPayload(forge, "refs/heads/main");
        Map<String, String> h = new LinkedHashMap<>(ForgeSender.pushHeaders(forge, SECRET, body, "d-1", NOW));
        h.keySet().removeIf(name -> name.toLowerCase().contains("signature") || name.equalsIgnoreCase("X-Gitlab-Token"));
        assertThat(verify(forge, h, body, SECRET, NOW)).isInstanceOfSatisfying(Verdict.Refused.class,
                r -> assertThat(r.reason()).containsAnyOf("no X-", "needs webhook-id"));
    }

    @Test
    void githubNeedsItsPrefixAndForgejoItsOwnHeader() {
        byte[] body = ForgeSender.pushPayload(Forge.GITHUB, "refs/heads/main");
        Map<String, String> h = new LinkedHashMap<>(ForgeSender.pushHeaders(Forge.GITHUB, SECRET, body, "d-1", NOW));
        h.put("X-Hub-Signature-256", h.get("X-Hub-Signature-256").substring("sha256=".length()));
        assertThat(verify(Forge.GITHUB, h, body, SECRET, NOW)).isEqualTo(new Verdict.Refused("X-Hub-Signature-256 is not sha256=<hex HMAC-SHA256>"));

        Map<String, String> forgejo = new LinkedHashMap<>(ForgeSender.pushHeaders(Forge.FORGEJO, SECRET, body, "d-1", NOW));
        forgejo.put("X-Forgejo-Signature", "00" + forgejo.get("X-Forgejo-Signature").substring(2));
        // a good X-Gitea-Signature does not rescue a bad X-Forgejo-Signature
        assertThat(verify(Forge.FORGEJO, forgejo, body, SECRET, NOW)).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void gitlabsTokenMustBeTheWholeSecret() {
        byte[] body = ForgeSender.pushPayload(Forge.GITLAB, "refs/heads/main");
        Map<String, String> h = new LinkedHashMap<>(ForgeSender.pushHeaders(Forge.GITLAB, SECRET, body, "d-1", NOW));
        h.put("X-Gitlab-Token", SECRET.substring(0, SECRET.length() - 1));
        assertThat(verify(Forge.GITLAB, h, body, SECRET, NOW)).isEqualTo(new Verdict.Refused("X-Gitlab-Token is not this host's secret"));
        h.put("X-Gitlab-Token", SECRET + "x");
        assertThat(verify(Forge.GITLAB, h, body, SECRET, NOW)).isInstanceOf(Verdict.Refused.class);
    }
}

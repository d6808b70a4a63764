package dev.berth.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.TestGitRepo;
import dev.berth.host.FileTrees;
import dev.berth.it.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks on the real host: one daemon ({@code berth run --listen}) takes pushes from each forge, as the forge
 * sends them (its documented example payload, the ref adapted, its headers, signed by this test), and each deploys
 * the pushed commit, a change that restarts the container. A wrong or missing signature, a replay, a Standard
 * Webhooks delivery outside its time window, another ref, an oversized body and a GET do not trigger anything.
 */
class WebhookIT {
    private static final int WEB_PORT = 18131;
    private static final int LISTEN_PORT = 18140;
    private static final String UNIT = "berth-webhook-it";
    private final TestHost host = TestHost.get();
    private TestGitRepo repo;

    /** The page is in the unit itself, so a new page is a changed unit: the container is restarted to serve it. */
    static String web(String page) {
        return """
                [Container]
                Image=localhost:5000/busybox:test
                ContainerName=it-webhook
                RunInit=true
                Exec=busybox sh -c 'echo %s > /www/index.html && exec busybox httpd -f -p 8080 -h /www'
                PublishPort=127.0.0.1:%d:8080
                """.formatted(page, WEB_PORT);
    }

    @AfterEach
    void cleanUp() throws Exception {
        host.exec("systemctl", "stop", UNIT);
        host.exec("systemctl", "reset-failed", UNIT);
        host.berth("prune", "-q");
        host.exec("rm", "-f", "/var/lib/berth/" + WebhookSecret.FILE, "/var/lib/berth/" + LastWebhook.FILE);
        if (repo != null) {
            repo.close();
        }
        FileTrees.deleteRecursively(host.hostPath("/srv/share/webhook"));
        FileTrees.deleteRecursively(host.hostPath("/srv/share/webhook-deliveries"));
    }

    @Test
    void signedPushesDeployAndNothingElseTriggers() throws Exception {
        Path share = host.hostPath("/srv/share/webhook");
        FileTrees.deleteRecursively(share);
        repo = TestGitRepo.create(share);
        repo.write("web.container", web("w0")).commit("first");
        assertThat(host.berth("init", "-q", "/srv/share/webhook").orThrow().exitCode()).isZero();
        String secret = host.berth("webhook", "secret").orThrow().stdout().strip();
        assertThat(secret).startsWith("whsec_");
        assertThat(host.exec("stat", "-c", "%a", "/var/lib/berth/" + WebhookSecret.FILE).orThrow().stdout().strip()).isEqualTo("600");
        host.exec("systemd-run", "-q", "--unit", UNIT, "/opt/berth/berth", "run", "--interval", "1h",
                "--listen", "127.0.0.1:" + LISTEN_PORT).orThrow();
        host.exec("sh", "-c", "for i in $(seq 1 120); do curl -s -o /dev/null http://127.0.0.1:" + LISTEN_PORT
                + "/hooks/github && exit 0; sleep 0.25; done; journalctl -u " + UNIT + " --no-pager | tail -30; exit 1").orThrow();
        assertThat(host.waitForHttp(WEB_PORT, "w0", Duration.ofSeconds(30))).contains("w0");

        // a push from GitHub deploys a commit that restarts the container; each other forge's push deploys a commit too
        // (one that changes no unit, so the test does not wait for a restart five more times)
        String restarted = repo.write("web.container", web("page-github")).commit("push for github");
        Delivery first = signedPush(Forge.GITHUB, secret, "refs/heads/main", "delivery-github", Instant.now());
        assertThat(post(List.of(Map.entry(Forge.GITHUB, first)))).containsExactly("202 triggered: sync triggered: push to refs/heads/main");
        host.waitForHttp(WEB_PORT, "page-github", Duration.ofSeconds(30));
        awaitDeployed(restarted);
        for (Forge forge : List.of(Forge.GITEA, Forge.FORGEJO, Forge.GOGS, Forge.GITLAB, Forge.STANDARD)) {
            String commit = repo.write("notes.txt", "pushed for " + forge.word() + "\n").commit("push for " + forge.word());
            Delivery push = signedPush(forge, secret, "refs/heads/main", "delivery-" + forge.word(), Instant.now());
            assertThat(post(List.of(Map.entry(forge, push)))).containsExactly("202 triggered: sync triggered: push to refs/heads/main");
            awaitDeployed(commit);
        }
        assertThat(host.exec("cat", "/var/lib/berth/history.json").orThrow().stdout()).contains("\"webhook\"");

        // none of these triggers a sync
        String waiting = repo.write("web.container", web("not-by-webhook")).commit("waiting for a real trigger");
        Delivery forged = signedPush(Forge.GITHUB, "whsec_" + "Zm9yZ2Vk".repeat(6), "refs/heads/main", "forged", Instant.now());
        Delivery unsigned = new Delivery(withoutSignature(signedPush(Forge.GITEA, secret, "refs/heads/main", "unsigned", Instant.now())),
                ForgeSender.pushPayload(Forge.GITEA, "refs/heads/main"));
        Delivery stale = signedPush(Forge.STANDARD, secret, "refs/heads/main", "stale", Instant.now().minus(Duration.ofMinutes(10)));
        Delivery otherRef = signedPush(Forge.GITLAB, secret, "refs/heads/feature", "other-ref", Instant.now());
        byte[] big = ForgeSender.pushPayload(Forge.GITHUB, "refs/heads/main" + " ".repeat(WebhookServlet.MAX_BODY_BYTES));
        Delivery oversized = new Delivery(ForgeSender.pushHeaders(Forge.GITHUB, secret, big, "big", Instant.now()), big);
        List<String> answers = post(List.of(Map.entry(Forge.GITHUB, forged), Map.entry(Forge.GITEA, unsigned),
                Map.entry(Forge.GITHUB, first), Map.entry(Forge.STANDARD, stale), Map.entry(Forge.GITLAB, otherRef),
                Map.entry(Forge.GITHUB, oversized)));
        assertThat(answers.get(0)).startsWith("401 refused: X-Hub-Signature-256 does not match");
        assertThat(answers.get(1)).startsWith("401 refused: no X-Gitea-Signature header");
        assertThat(answers.get(2)).isEqualTo("200 ignored: delivery seen already (a replay)");
        assertThat(answers.get(3)).startsWith("401 refused: webhook-timestamp is more than 5 minutes");
        assertThat(answers.get(4)).isEqualTo("200 ignored: push to refs/heads/feature; this host follows refs/heads/main");
        assertThat(answers.get(5)).isEqualTo("413 refused: body over 1024 KiB");
        assertThat(host.exec("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:" + LISTEN_PORT + "/hooks/github")
                .orThrow().stdout()).isEqualTo("405");
        assertThat(host.berth("status").orThrow().stdout()).containsPattern("Webhook: .* github delivery big: refused \\(body over 1024 KiB\\)");

        // had any of them triggered a sync, it would have deployed the waiting commit before this request (queued after it)
        String viaSocket = host.berth("sync").orThrow().stdout();
        assertThat(viaSocket).contains("sync (control socket)").contains("restart web.service");
        awaitDeployed(waiting);
    }

    private Delivery signedPush(Forge forge, String secret, String ref, String id, Instant at) {
        byte[] body = ForgeSender.pushPayload(forge, ref);
        return new Delivery(ForgeSender.pushHeaders(forge, secret, body, id, at), body);
    }

    private static Map<String, String> withoutSignature(Delivery d) {
        Map<String, String> h = new java.util.LinkedHashMap<>(d.headers());
        h.keySet().removeIf(name -> name.endsWith("-signature"));
        return h;
    }

    /** POSTs the deliveries one after the other with curl inside the host (one exec); returns "STATUS ANSWER" of each. */
    private List<String> post(List<Map.Entry<Forge, Delivery>> deliveries) throws Exception {
        Path dir = host.hostPath("/srv/share/webhook-deliveries");
        Files.createDirectories(dir);
        StringBuilder script = new StringBuilder();
        for (Map.Entry<Forge, Delivery> d : deliveries) {
            Path body = Files.createTempFile(dir, "delivery", ".json");
            Files.write(body, d.getValue().body());
            script.append("curl -sS -w '%{http_code}\\n' -X POST --data-binary @/srv/share/webhook-deliveries/")
                    .append(body.getFileName());
            d.getValue().headers().forEach((name, value) -> {
                assertThat(value).doesNotContain("'");
                script.append(" -H '").append(name).append(": ").append(value).append('\'');
            });
            script.append(" http://127.0.0.1:").append(LISTEN_PORT).append("/hooks/").append(d.getKey().word()).append(" || exit 1\n");
        }
        String out = host.exec("sh", "-c", script.toString()).orThrow().stdout();
        List<String> lines = out.lines().toList(); // each answer is one line of text, then curl's line with the status
        assertThat(lines).hasSize(2 * deliveries.size());
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 2) {
            answers.add(lines.get(i + 1) + " " + lines.get(i));
        }
        return answers;
    }

    private void awaitDeployed(String commit) {
        host.exec("sh", "-c", "for i in $(seq 1 120); do grep -q " + commit + " /var/lib/berth/applied.json && exit 0; sleep 0.25; done;"
                + " journalctl -u " + UNIT + " --no-pager | tail -30; exit 1").orThrow();
    }
}

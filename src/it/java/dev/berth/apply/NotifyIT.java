package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.git.TestGitRepo;
import dev.berth.json.Json;
import dev.berth.it.TestHost;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications and commit status from the daemon on the real host: a receiver in this JVM (HTTP and SMTP, reached
 * from inside the host through {@code systemd-socket-proxyd}, see {@link UnixReceiver}) gets the events of a deploy,
 * of a failed deploy with its rollback, and of a refused (invalid) commit, each with the commit, the host and the
 * reason; the commit status receiver gets pending, then success or failure.
 */
class NotifyIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int HTTP_PORT = 18190;
    private static final int SMTP_PORT = 18125;
    // a webhook key in the URL's path: it must show nowhere
    private static final String KEY = "k3y-s3cr3t-0f-th3-h00k";

    private final Host host = Host.root();
    private TestGitRepo repo;

    @AfterEach
    void cleanUp() {
        host.run("systemctl stop berth-notify-it.service; systemctl reset-failed berth-notify-it.service; "
                + "systemctl stop notify-it-http.socket notify-it-smtp.socket notify-it-http.service notify-it-smtp.service; "
                + "rm -f /run/systemd/system/notify-it-*; systemctl daemon-reload; rm -f /srv/share/notify-it-token");
        host.berth("prune", "-q");
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    void deployFailureRollbackAndRefusalAreNotified() throws Exception {
        try (var http = new UnixReceiver.Http(host.share().resolve("notify-it-http.sock"));
             var smtp = new UnixReceiver.Smtp(host.share().resolve("notify-it-smtp.sock"))) {
            proxy("http", HTTP_PORT);
            proxy("smtp", SMTP_PORT);
            repo = host.newRepo("notify");
            String a = repo.write("web/web.container", Units.web("it-notify", 18122)).write("web/site/index.html", "n1\n").commit("first");
            host.berthOk("init", "/srv/share/notify");
            String hostName = host.sh("hostname"); // init without --host: the host's name is the system's

            host.berthOk("notify", "add", "hook", "--webhook", "http://127.0.0.1:" + HTTP_PORT + "/hook/" + KEY);
            host.berthOk("notify", "add", "mail", "--smtp", "127.0.0.1:" + SMTP_PORT, "--smtp-security", "none",
                    "--from", "berth@example.org", "--to", "ops@example.org", "--events", "rolled-back,refused");
            host.sh("printf 'gh-t0ken-of-the-test' > /srv/share/notify-it-token");
            host.berthOk("notify", "commit-status", "--forge", "github", "--api", "http://127.0.0.1:" + HTTP_PORT + "/gh",
                    "--repo", "acme/site", "--token-file", "/srv/share/notify-it-token");
            assertThat(host.sh("stat -c %a /var/lib/berth/notify.json")).isEqualTo("600");
            assertThat(host.berthOk("notify", "list")).contains("hook", "http://127.0.0.1:" + HTTP_PORT + "/***", "commit-status")
                    .doesNotContain(KEY).doesNotContain("gh-t0ken");

            // a deploy (the daemon's first sync): pending, the event, success
            String b = repo.write("web/site/index.html", "n2\n").commit("second");
            host.sh("systemd-run --unit=berth-notify-it /opt/berth/berth run --interval 1h");
            assertStatus(http.next(WAIT), b, "pending", hostName);
            JsonNode deployed = event(http.next(WAIT));
            assertThat(deployed.path("kind").asText()).isEqualTo("deployed");
            assertThat(deployed.path("commit").asText()).isEqualTo(b);
            assertThat(deployed.path("previousCommit").asText()).isEqualTo(a);
            assertThat(deployed.path("host").asText()).isEqualTo(hostName);
            assertStatus(http.next(WAIT), b, "success", hostName);

            // a failed deploy, rolled back to b
            String c = repo.write("broken.container", Units.broken("it-notify-broken")).commit("a unit that fails");
            syncNow();
            assertStatus(http.next(WAIT), c, "pending", hostName);
            JsonNode failed = event(http.next(WAIT));
            assertThat(failed.path("kind").asText()).isEqualTo("failed");
            assertThat(failed.path("commit").asText()).isEqualTo(c);
            assertThat(failed.path("failedUnits").toString()).contains("broken.service");
            assertStatus(http.next(WAIT), c, "failure", hostName);
            JsonNode rolledBack = event(http.next(WAIT));
            assertThat(rolledBack.path("kind").asText()).isEqualTo("rolled-back");
            assertThat(rolledBack.path("previousCommit").asText()).isEqualTo(b);
            assertThat(rolledBack.path("reason").asText()).contains("rolled back to " + b.substring(0, 12));
            assertThat(smtp.next(WAIT)).contains("Subject: berth " + hostName + ": " + c.substring(0, 12) + " rolled back to "
                    + b.substring(0, 12));

            // a refused commit: invalid, so nothing of it is applied
            String d = repo.delete("broken.container").write("bad.container", "[Container]\nExec=sleep 1\n").commit("no image");
            syncNow();
            assertStatus(http.next(WAIT), d, "pending", hostName);
            JsonNode refused = event(http.next(WAIT));
            assertThat(refused.path("kind").asText()).isEqualTo("refused");
            assertThat(refused.path("refusal").asText()).isEqualTo("validation");
            assertThat(refused.path("commit").asText()).isEqualTo(d);
            assertThat(refused.path("previousCommit").asText()).isEqualTo(b);
            assertThat(refused.path("reason").asText()).contains("invalid").contains("bad.container");
            assertStatus(http.next(WAIT), d, "failure", hostName);
            assertThat(smtp.next(WAIT)).contains("refused " + d.substring(0, 12) + " (validation)");

            // the same refusal at the next sync is not told again (nor its pending status); that third failure in a
            // row makes the daemon unhealthy, which is the next thing the receiver hears
            syncNow();
            JsonNode unhealthy = event(http.next(WAIT));
            assertThat(unhealthy.path("kind").asText()).isEqualTo("unhealthy");
            assertThat(unhealthy.path("reason").asText()).startsWith("3 syncs failed in a row");

            host.sh("for i in $(seq 1 40); do /opt/berth/berth status | grep -q 'Notify: *last sent unhealthy [0-9a-f]* to hook' && exit 0;"
                    + " sleep 0.25; done; /opt/berth/berth status; exit 1");
            assertThat(host.sh("journalctl -u berth-notify-it.service --no-pager")).contains("notifications: [hook, mail, commit-status]")
                    .doesNotContain(KEY);
        }
    }

    /** A sync by SIGHUP: no Berth process to start (what the test waits for is what the receivers get). */
    private void syncNow() {
        host.sh("systemctl kill -s HUP berth-notify-it.service");
    }

    private static JsonNode event(UnixReceiver.Request r) throws Exception {
        assertThat(r.path()).isEqualTo("/hook/" + KEY);
        assertThat(r.headers().get("content-type")).isEqualTo("application/json");
        JsonNode doc = Json.mapper().readTree(r.body());
        assertThat(doc.path("schema").asText()).isEqualTo("berth.notification/v1");
        return doc;
    }

    private static void assertStatus(UnixReceiver.Request r, String commit, String state, String hostName) throws Exception {
        assertThat(r.path()).as(r.toString()).isEqualTo("/gh/repos/acme/site/statuses/" + commit);
        assertThat(r.headers().get("authorization")).isEqualTo("Bearer gh-t0ken-of-the-test");
        JsonNode doc = Json.mapper().readTree(r.body());
        assertThat(doc.path("state").asText()).as(r.body()).isEqualTo(state);
        assertThat(doc.path("context").asText()).isEqualTo("berth/" + hostName);
    }

    /** 127.0.0.1:port inside the host, forwarded to the receiver's socket in the shared folder. */
    private void proxy(String name, int port) {
        host.sh("""
                printf '[Socket]\\nListenStream=127.0.0.1:%2$d\\n' > /run/systemd/system/notify-it-%1$s.socket
                printf '[Service]\\nExecStart=/usr/lib/systemd/systemd-socket-proxyd /srv/share/notify-it-%1$s.sock\\n' \
                  > /run/systemd/system/notify-it-%1$s.service
                systemctl daemon-reload && systemctl start notify-it-%1$s.socket
                """.formatted(name, port));
    }
}

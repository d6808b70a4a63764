package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.TestGitRepo;
import dev.berth.it.TestHost;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon as a user runs it: Berth's own unit comes from the repository ({@code [X-Berth] Self=true}),
 * syncs are asked for through the control socket and SIGHUP, and a commit that changes Berth's unit
 * makes Berth restart itself, last.
 */
class DaemonIT {
    private final Host host = Host.root();
    private TestGitRepo repo;

    private static String berthUnit(String generation) {
        return """
                [Unit]
                Description=Berth under test
                [Service]
                ExecStart=/opt/berth/berth run --interval 1h --metrics-listen 127.0.0.1:9390
                Environment=BERTH_GENERATION=%s
                Restart=always
                RestartSec=1
                [Install]
                WantedBy=multi-user.target
                [X-Berth]
                Self=true
                """.formatted(generation);
    }

    @AfterEach
    void prune() {
        host.berth("prune", "-q");
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    void controlSocketSighupAndSelfUpdate() throws Exception {
        repo = host.newRepo("daemon");
        repo.write("berth.service", berthUnit("1"))
                .write("web/web.container", Units.web("it-daemon", 18121)).write("web/site/index.html", "d1\n");
        repo.commit("first");

        assertThat(host.berthOk("init", "/srv/share/daemon")).contains("restart berth.service");
        waitForSocket();
        assertThat(host.http(18121)).isEqualTo("d1");
        // the daemon syncs once when it starts; a request queues behind that sync and finds nothing to do
        assertThat(host.berthOk("sync")).contains("up to date");

        // status, history and plan are answered by the daemon (the CLI's JVM loads none of the status code), and print
        // what they print without a daemon
        List<String> viaDaemon = readOnlyAnswers();
        // without the AOT cache: a JVM maps every class the cache holds at start, used or not, which says nothing of
        // what the command runs; the shortcut asks the daemon before picocli starts, so not even picocli is loaded
        for (String command : List.of("status", "history", "plan")) {
            assertThat(host.sh("rm -f /tmp/berth-classes.log; BERTH_AOT=off BERTH_JAVA_OPTS=-Xlog:class+load:file=/tmp/berth-classes.log "
                    + "/opt/berth/berth " + command + " >/dev/null && cat /tmp/berth-classes.log")).as(command)
                    .contains("dev.berth.agent.ControlClient").doesNotContain("dev.berth.status.").doesNotContain("picocli.")
                    .doesNotContain("dev.berth.pipeline.").doesNotContain("dev.berth.state.");
        }
        // the daemon keeps Podman's health answers while systemd shows the same run (HealthSnapshot; the statuses above
        // taught it): a unit stopped behind its back is shown as it is at once, without the health of its gone container
        assertThat(webLine()).endsWith("active (running), no healthcheck");
        host.sh("systemctl stop web.service");
        assertThat(webLine()).doesNotContain("running").doesNotContain("healthcheck");
        host.sh("systemctl start web.service");
        assertThat(webLine()).endsWith("active (running), no healthcheck");
        // restarted with a health check (a quadlet drop-in): the same state, but another run, so Podman is asked again
        host.sh("mkdir -p /etc/containers/systemd/web.container.d && printf '[Container]\\nHealthCmd=true\\nHealthInterval=1h\\n'"
                + " > /etc/containers/systemd/web.container.d/90-it-health.conf && systemctl daemon-reload && systemctl restart web.service");
        try {
            assertThat(webLine()).contains("active (running)").doesNotContain("no healthcheck");
        } finally {
            host.sh("rm -r /etc/containers/systemd/web.container.d && systemctl daemon-reload && systemctl restart web.service");
        }
        assertThat(webLine()).endsWith("active (running), no healthcheck");
        host.sh("systemctl stop berth.service");
        assertThat(readOnlyAnswers()).isEqualTo(viaDaemon);
        host.sh("systemctl start berth.service");
        waitForSocket();

        // the daemon's Prometheus metrics say what runs (a scrape reads the same status as `berth status`)
        String first = repo.git().getRepository().resolve("HEAD").getName();
        String metrics = host.sh("curl -fsS --retry 10 --retry-delay 1 --retry-all-errors http://127.0.0.1:9390/metrics");
        assertThat(metrics).contains("berth_deployed_info{").contains(first.substring(0, 12))
                .containsPattern("berth_units\\{[^}]*state=\"active\"[^}]*\\} [1-9]")
                .containsPattern("berth_last_sync_success(\\{[^}]*\\})? 1");

        // `berth sync` asks the daemon over the control socket
        repo.write("web/site/index.html", "d2\n").commit("second");
        String viaSocket = host.berthOk("sync");
        assertThat(viaSocket).contains("sync (control socket)").contains("restart web.service");
        assertThat(host.http(18121)).isEqualTo("d2");

        // SIGHUP triggers a sync
        repo.write("web/site/index.html", "d3\n").commit("third");
        host.sh("systemctl kill -s HUP berth.service");
        host.sh("for i in $(seq 1 60); do curl -fsS http://127.0.0.1:18121/ | grep -q d3 && exit 0; sleep 0.5; done; exit 1");

        // `berth sync --no-rollback` is passed to the daemon: a unit that does not come up stays, for the next sync to retry
        repo.write("broken.container", Units.broken("it-daemon-broken")).commit("a unit that fails");
        TestHost.Result kept = host.berth("sync", "--no-rollback");
        assertThat(kept.exitCode()).as(kept.stdout() + kept.stderr()).isNotZero();
        assertThat(kept.stdout()).contains("sync (control socket)").doesNotContain("rolling back");
        assertThat(kept.stderr()).contains("broken.service").contains("the next sync retries them");
        assertThat(host.sh("cat /etc/containers/systemd/berth/broken.container")).contains("it-daemon-broken");
        assertThat(host.sh("cat /var/lib/berth/rejected.json 2>/dev/null || true")).isEmpty();
        assertThat(host.http(18121)).isEqualTo("d3");
        repo.delete("broken.container");

        // a commit changing Berth's own unit: Berth restarts itself after saving the state
        String pidBefore = host.sh("systemctl show -p MainPID --value berth.service");
        repo.write("berth.service", berthUnit("2")).commit("berth generation 2");
        String head = repo.git().getRepository().resolve("HEAD").getName();
        host.berth("sync");
        host.sh("for i in $(seq 1 60); do systemctl show -p Environment --value berth.service | grep -q BERTH_GENERATION=2 "
                + "&& systemctl is-active -q berth.service && exit 0; sleep 0.5; done; exit 1");
        waitForSocket();
        assertThat(host.sh("systemctl show -p MainPID --value berth.service")).isNotEqualTo(pidBefore);
        assertThat(host.sh("cat /var/lib/berth/applied.json")).contains(head);
        assertThat(host.berthOk("status")).contains("berth generation 2").contains("berth.service");
    }

    /** What status, history and plan print; the daemon's own unit left out of status (stopped, it shows failed). */
    private List<String> readOnlyAnswers() {
        String status = host.berthOk("status").lines().filter(l -> !l.contains("berth.service")).collect(Collectors.joining("\n"));
        return List.of(status, host.berthOk("history"), host.berthOk("plan"));
    }

    private String webLine() {
        return host.berthOk("status").lines().filter(l -> l.contains(" web.service ")).findFirst().orElseThrow().strip();
    }

    private void waitForSocket() {
        host.sh("for i in $(seq 1 80); do test -S /run/berth/berth.sock && exit 0; sleep 0.25; done; "
                + "journalctl -u berth.service -n 30 --no-pager; exit 1");
    }
}

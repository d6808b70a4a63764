package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.SshSigningKey;
import dev.berth.git.TestGitRepo;
import dev.berth.it.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Safe delivery on the real test host: health-gated rollout with automatic rollback, signed commits only,
 * and the hard limits on what a repository may touch. Each refusal leaves the running deployment serving.
 */
class SafeDeliveryIT {
    private final Host host = Host.root();
    private TestGitRepo repo;

    private TestGitRepo newRepo(String name) throws Exception {
        Path dir = host.share().resolve(name);
        if (Files.exists(dir)) {
            dev.berth.host.FileTrees.deleteRecursively(dir);
        }
        repo = TestGitRepo.create(dir);
        return repo;
    }

    @AfterEach
    void pruneAndClose() {
        host.berth("prune", "--volumes", "-q");
        host.run("rm -f /etc/systemd/system/it-foreign.service; systemctl daemon-reload");
        if (repo != null) {
            repo.close();
        }
    }

    /** A web server whose health check passes while its site folder holds a file named {@code ok}. */
    private static String healthChecked(String containerName, int port) {
        return Units.web(containerName, port) + """
                HealthCmd=test -f /www/ok
                HealthInterval=2s
                HealthRetries=1
                [X-Berth]
                HealthTimeout=6s
                """;
    }

    @Test
    void aCommitThatFailsItsHealthCheckIsRolledBackAndThePreviousContainerServesAgain() throws Exception {
        TestGitRepo r = newRepo("safe-health");
        r.write("web/web.container", healthChecked("it-health", 18201)).write("web/site/index.html", "good\n")
                .write("web/site/ok", "").write("db.container", Units.sleeper("it-health-db", "1"));
        String good = r.commit("healthy");
        host.berthOk("init", "/srv/share/safe-health");
        assertThat(host.http(18201)).isEqualTo("good");
        String dbId = host.containerId("it-health-db");

        r.write("web/site/index.html", "bad\n").delete("web/site/ok").commit("breaks the health check");
        long start = System.nanoTime();
        TestHost.Result sync = host.berth("sync");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertThat(sync.exitCode()).as(sync.stdout()).isNotZero();
        assertThat(sync.stdout()).contains("rolling back to " + good.substring(0, 12));
        assertThat(sync.stderr()).contains("did not become healthy").contains("rolled back to " + good.substring(0, 12));
        assertThat(host.http(18201)).as("the previous container serves again").isEqualTo("good");
        assertThat(host.sh("podman healthcheck run it-health && echo healthy")).contains("healthy");
        assertThat(host.containerId("it-health-db")).as("an unchanged unit is left alone").isEqualTo(dbId);
        assertThat(host.berthOk("history")).contains("rolled-back").contains("auto-rollback");
        assertThat(host.berth("status").stdout()).contains("rolled back");
        assertThat(seconds).as("health timeout 6 s, then the rollback").isLessThan(60);

        // the bad commit is not tried again
        TestHost.Result again = host.berth("sync");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("was rolled back").contains("push a new commit");
        assertThat(again.stdout()).doesNotContain("restart web.service");
        assertThat(host.http(18201)).isEqualTo("good");

        // a new commit is
        r.write("web/site/index.html", "fixed\n").write("web/site/ok", "").commit("fixed");
        host.berthOk("sync");
        assertThat(host.http(18201)).isEqualTo("fixed");
    }

    @Test
    void aContainerThatListensAndDiesAtOnceIsCaughtAndRolledBackThoughListeningEndsTheSettleWindowEarly() throws Exception {
        TestGitRepo r = newRepo("safe-listen");
        r.write("web/web.container", Units.web("it-listen", 18209)).write("web/site/index.html", "good\n");
        String good = r.commit("serves");
        // no health check: its settle window ends once its own process listens on 8080 (and 0.5 s have passed)
        assertThat(host.berthOk("init", "/srv/share/safe-listen")).contains("up web.service  (listens on [8080], ");
        assertThat(host.http(18209)).isEqualTo("good");

        // httpd without -f listens in the background at once; the container's own process exits 0.2 s after its start
        r.write("web/web.container", Units.web("it-listen", 18209)
                .replace("Exec=busybox httpd -f -p 8080 -h /www", "Exec=sh -c 'busybox httpd -p 8080 -h /www; sleep 0.2; exit 3'"))
                .commit("listens, then dies");
        TestHost.Result sync = host.berth("sync");

        assertThat(sync.exitCode()).as(sync.stdout()).isNotZero();
        assertThat(sync.stdout()).contains("rolling back to " + good.substring(0, 12));
        assertThat(sync.stdout().substring(0, sync.stdout().indexOf("rolling back"))).as("the dead one never counted as up")
                .doesNotContain("up web.service  (listens");
        assertThat(sync.stderr()).contains("web.service failed right after it started");
        assertThat(host.http(18209)).as("the previous container serves again").isEqualTo("good");
    }

    /** A container of the repository's own built image, healthy while {@code check} passes in it. */
    private static String ofBuiltImage(String check) {
        return """
                [Container]
                Image=app.build
                ContainerName=it-rb-build
                Exec=sleep 100000
                StopTimeout=1
                HealthCmd=%s
                HealthInterval=2s
                HealthRetries=1
                [X-Berth]
                HealthTimeout=4s
                """.formatted(check);
    }

    @Test
    void anAutomaticRollbackKeepsTheBuildsReproducibleDropInAndLeavesTheBuildAlone() throws Exception {
        TestGitRepo r = newRepo("safe-build");
        // the container lives outside the build's folder (its context), so changing it leaves the build's epoch alone
        r.write("img/app.build", "[Build]\nImageTag=localhost/it-rb-build:latest\nSetWorkingDirectory=unit\n")
                .write("img/Containerfile", "FROM " + Units.IMAGE + "\nRUN echo built > /marker\n")
                .write("app.container", ofBuiltImage("test -f /marker"));
        String good = r.commit("a container of a built image");
        try {
            host.berthOk("init", "/srv/share/safe-build");
            String dropIn = "/etc/containers/systemd/berth/img/app.build.d/90-berth-reproducible.conf";
            String flags = host.sh("cat " + dropIn);
            assertThat(flags).contains("--timestamp");
            String buildRun = host.sh("systemctl show -p InvocationID --value app-build.service");
            String image = host.sh("podman image inspect --format '{{.Id}}' localhost/it-rb-build:latest");

            r.write("app.container", ofBuiltImage("test -f /missing")).commit("breaks the health check, not the build");
            TestHost.Result sync = host.berth("sync");

            assertThat(sync.exitCode()).as(sync.stdout()).isNotZero();
            assertThat(sync.stderr()).contains("did not become healthy").contains("rolled back to " + good.substring(0, 12));
            assertThat(host.sh("cat " + dropIn)).as("the rollback keeps the good commit's drop-in").isEqualTo(flags);
            assertThat(sync.stdout()).doesNotContain("build app.build").doesNotContain("app-build.service");
            assertThat(host.sh("systemctl show -p InvocationID --value app-build.service"))
                    .as("the build unit did not run again").isEqualTo(buildRun);
            assertThat(host.sh("podman image inspect --format '{{.Id}}' localhost/it-rb-build:latest")).isEqualTo(image);
            assertThat(host.sh("podman healthcheck run it-rb-build && echo healthy")).contains("healthy");
        } finally {
            host.berth("prune", "-q", "--images");
        }
    }

    @Test
    void withNoRollbackTheFailedCommitStays() throws Exception {
        TestGitRepo r = newRepo("safe-norollback");
        r.write("web/web.container", healthChecked("it-norb", 18202)).write("web/site/index.html", "good\n").write("web/site/ok", "");
        r.commit("healthy");
        host.berthOk("init", "/srv/share/safe-norollback");

        r.write("web/site/index.html", "unhealthy\n").delete("web/site/ok").commit("breaks the health check");
        TestHost.Result sync = host.berth("sync", "--no-rollback");
        assertThat(sync.exitCode()).isNotZero();
        assertThat(sync.stderr()).contains("did not become healthy").contains("the next sync retries them");
        assertThat(host.http(18202)).isEqualTo("unhealthy");
    }

    @Test
    void onlyCommitsSignedByATrustedKeyAreApplied() throws Exception {
        TestGitRepo r = newRepo("safe-signed");
        Path keys = host.share().resolve("safe-signed-keys");
        dev.berth.host.FileTrees.deleteRecursively(keys);
        SshSigningKey ops = SshSigningKey.generate(keys.resolve("ops"));
        SshSigningKey stranger = SshSigningKey.generate(keys.resolve("stranger"));
        Files.writeString(keys.resolve("allowed_signers"), ops.allowedSignersLine("ops@example.invalid"));
        String allowed = "/srv/share/safe-signed-keys/allowed_signers";

        r.write("web/web.container", Units.web("it-signed", 18203)).write("web/site/index.html", "signed 1\n");
        r.commitSigned("first", ops);
        host.berthOk("init", "/srv/share/safe-signed", "--verify-commits", allowed);
        assertThat(host.http(18203)).isEqualTo("signed 1");

        r.write("web/site/index.html", "unsigned\n");
        String unsigned = r.commit("unsigned");
        TestHost.Result refused = host.berth("sync");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains(unsigned.substring(0, 12)).contains("not signed");
        assertThat(host.http(18203)).as("the previous deployment keeps serving").isEqualTo("signed 1");
        assertThat(host.berth("status").stdout()).contains(unsigned.substring(0, 12)).contains("not signed");

        r.write("web/site/index.html", "stranger\n");
        r.commitSigned("by a stranger", stranger);
        TestHost.Result untrusted = host.berth("sync");
        assertThat(untrusted.exitCode()).as(untrusted.stdout()).isNotZero();
        assertThat(untrusted.stderr()).contains("not trusted");
        assertThat(host.berth("status").stdout()).contains("not trusted");
        assertThat(host.http(18203)).isEqualTo("signed 1");

        // rotate: trust the other key by editing the file, no re-init
        Files.writeString(keys.resolve("allowed_signers"), stranger.allowedSignersLine("new-ops@example.invalid"));
        host.berthOk("sync");
        assertThat(host.http(18203)).isEqualTo("stranger");
        dev.berth.host.FileTrees.deleteRecursively(keys);
    }

    @Test
    void hardLimitsRefuseTheWholeCommitAndLeaveTheDeploymentRunning() throws Exception {
        TestGitRepo r = newRepo("safe-limits");
        r.write("web/web.container", Units.web("it-limits", 18204)).write("web/site/index.html", "running\n");
        r.commit("good");
        host.berthOk("init", "/srv/share/safe-limits");
        String webId = host.containerId("it-limits");

        // a unit name the host already has
        r.write("systemd-journald.service", "[Service]\nExecStart=/bin/true\n").write("web/site/index.html", "must not appear\n");
        r.commit("take over journald");
        previewRefuses("systemd-journald.service", "/usr/lib/systemd/system/systemd-journald.service");
        refused("systemd-journald.service", "/usr/lib/systemd/system/systemd-journald.service");
        assertThat(host.run("test -e /etc/systemd/system/systemd-journald.service").exitCode()).isNotZero();
        r.delete("systemd-journald.service");

        // a unit file Berth did not write, until adopted
        host.sh("printf '[Service]\\nType=oneshot\\nExecStart=/bin/echo host\\n' > /etc/systemd/system/it-foreign.service");
        r.write("it-foreign.service", "[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/echo berth\n").commit("foreign");
        previewRefuses("it-foreign.service", "berth adopt it-foreign.service");
        refused("it-foreign.service", "berth adopt it-foreign.service");
        assertThat(host.sh("cat /etc/systemd/system/it-foreign.service")).contains("echo host");
        r.delete("it-foreign.service");

        // symlinks out of the checkout, and .. in a path
        Files.createSymbolicLink(r.dir().resolve("evil.container"), Path.of("/etc/passwd"));
        r.commit("symlink out");
        refused("evil.container", "outside the repository");
        r.delete("evil.container");
        r.write("web/web.container", Units.web("it-limits", 18204) + "EnvironmentFile=../../../etc/shadow\n").commit("dot dot");
        refused("web/web.container", "points outside the repository");
        r.write("web/web.container", Units.web("it-limits", 18204));

        // a file over the size limit
        r.write("big.container", "[Container]\nImage=" + Units.IMAGE + "\n" + "# padding\n".repeat(120_000)).commit("too big");
        refused("big.container", "more than the limit");
        r.delete("big.container");

        assertThat(host.containerId("it-limits")).as("never restarted").isEqualTo(webId);
        r.write("web/site/index.html", "fine again\n").commit("clean");
        host.berthOk("sync");
        assertThat(host.http(18204)).isEqualTo("fine again");

        // the adopted unit: handed over, then installed by the repository
        host.sh("printf '[Service]\\nType=oneshot\\nExecStart=/bin/echo host\\n' > /etc/systemd/system/it-foreign.service");
        host.berthOk("adopt", "it-foreign.service");
        r.write("it-foreign.service", "[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/echo berth\n").commit("adopted");
        host.berthOk("sync");
        assertThat(host.sh("cat /etc/systemd/system/it-foreign.service")).contains("echo berth");
    }

    /** {@code plan} and {@code sync --dry-run} say the sync would be refused, naming {@code what}, and record nothing. */
    private void previewRefuses(String file, String what) {
        String lastSyncBefore = lastSyncLine();
        for (String[] preview : new String[][] {{"plan"}, {"sync", "--dry-run"}}) {
            TestHost.Result r = host.berth(preview);
            assertThat(r.exitCode()).as(String.join(" ", preview) + ": " + r.stdout()).isNotZero();
            assertThat(r.stderr()).contains("the sync would fail").contains("would not be applied").contains(file).contains(what);
        }
        assertThat(lastSyncLine()).as("a preview records nothing").isEqualTo(lastSyncBefore);
        assertThat(host.http(18204)).isEqualTo("running");
    }

    private String lastSyncLine() {
        return host.berth("status").stdout().lines().filter(l -> l.startsWith("Last sync:")).findFirst().orElseThrow();
    }

    /** A sync that must fail naming {@code what}, with nothing of the commit applied. */
    private void refused(String file, String what) {
        TestHost.Result sync = host.berth("sync");
        assertThat(sync.exitCode()).as(sync.stdout()).isNotZero();
        assertThat(sync.stderr()).contains(file).contains(what);
        assertThat(sync.stdout()).doesNotContain("write ").doesNotContain("restart ");
        assertThat(host.http(18204)).isEqualTo("running");
    }
}

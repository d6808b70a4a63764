package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.TestGitRepo;
import dev.berth.it.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The example repository (examples/demo) deployed on the real test host, with the scheduled work checked:
 * backup.timer is enabled and started, the quadlet backup.container it triggers is not started by the
 * deploy, runs when started by hand, and runs when the timer fires. The only changes to the copy are a
 * berth.toml and a per-host drop-in, i.e. the repository's own targeting: Berth's own unit
 * (berth.service) is kept off the test host (the tests run Berth from the command line), and the test
 * host's timer fires 25 s after it starts instead of nightly.
 */
class DemoBackupIT {
    private static final String HOST = "demo-test";
    private static final String ARCHIVES = "/var/backups/berth-demo";

    private final TestHost host = TestHost.get();
    private final Host sh = Host.root();
    private TestGitRepo repo;

    @AfterEach
    void cleanUp() throws Exception {
        host.berth("prune", "--volumes");
        host.exec("rm", "-rf", "/srv/share/demo-backup", ARCHIVES);
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    void timerIsStartedItsJobIsNotAndTheArchiveAppears() throws Exception {
        Path dir = host.hostPath("/srv/share/demo-backup");
        repo = TestGitRepo.create(dir);
        Path demo = Path.of("examples/demo").toAbsolutePath();
        try (Stream<Path> files = Files.walk(demo)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                repo.write(demo.relativize(f).toString(), Files.readString(f));
            }
        }
        repo.write("berth.toml", """
                [[rules]]
                units = ["berth.service"]
                hosts = ["a-real-server"]
                """);
        repo.write("backup/backup.timer.d/host-" + HOST + ".conf", """
                [Timer]
                OnCalendar=
                OnActiveSec=25s
                RandomizedDelaySec=0
                AccuracySec=1s
                """);
        repo.commit("the demo, with a quick backup timer on the test host");

        host.berth("init", "--host", HOST, "/srv/share/demo-backup").orThrow();
        long deployedAt = System.nanoTime();

        assertThat(sh.activeState("backup.timer")).isEqualTo("active");
        assertThat(sh.sh("systemctl is-enabled backup.timer")).isEqualTo("enabled");
        assertThat(sh.activeState("berth.service")).as("kept off this host by berth.toml").isEqualTo("inactive");
        assertThat(sh.activeState("backup.service")).as("the timer's job is not started by the deploy").isEqualTo("inactive");
        assertThat(host.exec("sh", "-c", "ls " + ARCHIVES + "/*.tar.gz").ok()).isFalse();

        // the job by hand: archives what is in the data volume
        String volume = sh.sh("podman volume inspect --format '{{.Mountpoint}}' systemd-data");
        sh.sh("echo precious > " + volume + "/marker.txt");
        sh.sh("systemctl start backup.service");
        String archive = sh.sh("ls " + ARCHIVES + "/data-*.tar.gz");
        assertThat(sh.sh("tar -tzf " + archive)).contains("marker.txt");
        sh.sh("rm -f " + ARCHIVES + "/*.tar.gz");

        // and by the timer
        long deadline = deployedAt + Duration.ofSeconds(90).toNanos();
        while (!host.exec("sh", "-c", "ls " + ARCHIVES + "/data-*.tar.gz").ok()) {
            assertThat(System.nanoTime()).as("backup.timer fired no backup within 90 s of the deploy:\n%s",
                    host.exec("systemctl", "status", "backup.timer", "backup.service").stdout()).isLessThan(deadline);
            Thread.sleep(1000);
        }
        assertThat(sh.sh("tar -tzf " + ARCHIVES + "/data-*.tar.gz")).contains("marker.txt");
    }
}

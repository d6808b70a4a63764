package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.TestGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Berth in a container, as examples/berth-container documents it: the image scripts/container-image builds from the
 * package tarball of this commit, started once with {@code init}, deploys the demo and then runs as its own quadlet
 * ({@code Self=true}); a commit that changes the image tag upgrades it, and one to a tag that does not come up is
 * rolled back by the watcher the old daemon left (see {@link SelfUpgrade}).
 */
class ContainerIT {
    private static final String IMAGE = "localhost:5000/berth";
    private static final String REPO = "berth-container-it";
    /** The mounts of examples/berth-container/berth.container, plus the shared folder the test repository is in. */
    private static final String MOUNTS = "--pid=host --network=host --security-opt label=disable"
            + " -v /run/systemd:/run/systemd -v /run/podman:/run/podman -v /etc/containers/systemd:/etc/containers/systemd"
            + " -v /etc/systemd/system:/etc/systemd/system -v /var/lib/berth:/var/lib/berth -v /srv/share:/srv/share:ro";

    private final Host host = Host.root();
    private TestGitRepo repo;

    @AfterEach
    void prune() {
        host.run("podman run --rm " + MOUNTS + " " + IMAGE + ":it-a prune -q");
        host.run("systemctl stop berth.service; systemctl reset-failed berth.service");
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    void deploysTheDemoAndUpgradesItselfByImageTag() throws Exception {
        host.sh("systemctl start podman.socket");
        packageThisBuild();
        String tarball = host.sh("ls /opt/berth/target/package/berth-*-linux-x64.tar.gz | head -1");
        host.sh("/opt/berth/scripts/container-image --tarball " + tarball + " --tag " + IMAGE + ":it-a --epoch 1700000000");
        // a second build: the same Berth under another image ID, as a release with a new tag would be
        host.sh("d=$(mktemp -d) && printf 'FROM " + IMAGE + ":it-a\\nLABEL dev.berth.it=second\\n' >$d/Containerfile"
                + " && podman build -q -t " + IMAGE + ":it-b $d; e=$?; rm -rf $d; exit $e");

        repo = host.newRepo(REPO);
        copyDemo(repo.dir());
        repo.write("berth.container", berthContainer("it-a")).commit("the demo, with Berth in a container");

        // as the README's first start does: on a fresh host (this IT alone) the folders it mounts are not there yet
        host.sh("mkdir -p /var/lib/berth /etc/containers/systemd");
        String init = host.sh("podman run --rm " + MOUNTS + " " + IMAGE + ":it-a init /srv/share/" + REPO);
        assertThat(init).contains("start web.service").contains("restart berth.service (Berth itself, last)");
        assertThat(host.http(18080)).isEqualTo("hello from Berth");
        awaitBerthRunning("it-a");

        String second = repo.write("berth.container", berthContainer("it-b")).commit("Berth: the second build");
        sighupWhenReady();
        awaitBerthRunning("it-b");
        // the new daemon took over the state: it finds the host at the commit the old one deployed
        assertThat(host.sh("podman run --rm " + MOUNTS + " " + IMAGE + ":it-b status")).contains(second.substring(0, 12));
        assertThat(host.http(18080)).isEqualTo("hello from Berth");
        // the new daemon checked in: the upgrade is kept, its watcher stopped
        host.sh("for i in $(seq 60); do [ -e /var/lib/berth/self-upgrade.json ] || exit 0; sleep 0.5; done; exit 1");
        assertThat(host.run("systemctl is-active " + SelfUpgrade.WATCHER + ".timer").stdout().strip()).isNotEqualTo("active");

        // a version that does not come up: the watcher puts the previous one back, which records the rollback
        host.sh("d=$(mktemp -d) && printf 'FROM " + IMAGE + ":it-a\\nENTRYPOINT [\"/usr/bin/env\", \"no-such-berth\"]\\n' >$d/Containerfile"
                + " && podman build -q -t " + IMAGE + ":it-broken $d; e=$?; rm -rf $d; exit $e");
        String broken = repo.write("berth.container", berthContainer("it-broken")).commit("Berth: a broken build");
        sighupWhenReady();
        host.sh("for i in $(seq 60); do journalctl -u berth.service --no-pager | grep -q 'image=" + IMAGE + ":it-broken' && exit 0;"
                + " sleep 0.5; done; exit 1");
        awaitBerthRunning("it-b");
        host.sh("for i in $(seq 60); do [ -e /var/lib/berth/self-upgrade.json ] || exit 0; sleep 0.5; done; exit 1");
        assertThat(host.sh("cat /var/lib/berth/rejected.json")).contains(broken);
        String history = host.sh("podman run --rm " + MOUNTS + " " + IMAGE + ":it-b history");
        assertThat(history).contains(broken.substring(0, 12)).contains("rolled");
        assertThat(host.sh("podman run --rm " + MOUNTS + " " + IMAGE + ":it-b status")).contains(second.substring(0, 12));
        assertThat(host.http(18080)).isEqualTo("hello from Berth");
    }

    /** The package tarball of this build (scripts/package), made when it is missing or older than the jar. */
    private static void packageThisBuild() throws Exception {
        Path jar = Path.of("target/berth.jar");
        try (Stream<Path> tarballs = Files.exists(Path.of("target/package"))
                ? Files.list(Path.of("target/package")) : Stream.empty()) {
            long jarTime = Files.getLastModifiedTime(jar).toMillis();
            boolean fresh = tarballs.anyMatch(t -> t.getFileName().toString().endsWith("-linux-x64.tar.gz")
                    && t.toFile().lastModified() >= jarTime);
            if (fresh) {
                return;
            }
        }
        Process p = new ProcessBuilder("scripts/package").inheritIO().start();
        assertThat(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).as("scripts/package ended").isTrue();
        assertThat(p.exitValue()).as("scripts/package's exit code").isZero();
    }

    /**
     * Asks the daemon for a sync with SIGHUP once it says it follows the repository: a JVM that has not installed its
     * handler yet dies of SIGHUP (systemd then restarts it, which would hide what this test looks at).
     */
    private void sighupWhenReady() {
        host.sh("for i in $(seq 120); do podman logs berth 2>&1 | grep -q 'berth daemon: following' && exec podman kill --signal HUP berth;"
                + " sleep 0.5; done; exit 1");
    }

    /** Waits until berth.service runs a container of {@code tag} that answers {@code berth --version}. */
    private void awaitBerthRunning(String tag) {
        host.sh("for i in $(seq 120); do [ \"$(podman inspect --format '{{.ImageName}}' berth 2>/dev/null)\" = " + IMAGE + ":" + tag
                + " ] && systemctl is-active -q berth.service && exit 0; sleep 0.5; done;"
                + " systemctl status berth.service --no-pager; journalctl -u berth.service --no-pager | tail -30; exit 1");
    }

    private static String berthContainer(String tag) throws IOException {
        String example = Files.readString(Path.of("examples/berth-container/berth.container"));
        assertThat(example).contains("Image=" + IMAGE + ":1");
        return example.replace("Image=" + IMAGE + ":1", "Image=" + IMAGE + ":" + tag)
                .replace("Volume=/var/lib/berth:/var/lib/berth\n", "Volume=/var/lib/berth:/var/lib/berth\nVolume=/srv/share:/srv/share:ro\n")
                .replace("Self=true\n", "Self=true\nHealthTimeout=15s\n");
    }

    /** examples/demo without its berth.service (Berth runs from the container here). */
    private static void copyDemo(Path to) throws IOException {
        Path demo = Path.of("examples/demo");
        try (Stream<Path> files = Files.walk(demo)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().equals("berth.service")) {
                    Path target = to.resolve(demo.relativize(f).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target);
                }
            }
        }
    }
}

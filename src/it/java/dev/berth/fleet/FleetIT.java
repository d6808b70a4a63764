package dev.berth.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.TestGitRepo;
import dev.berth.it.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real test hosts (fleet-a, fleet-b, fleet-c) booted at once, each running Berth against the same
 * repository: every commit is pushed to a bare repository in each host's /srv/share. Each host must run
 * exactly its units; a commit moving a unit moves it; a label change changes what a host runs.
 *
 * <p>State folders: {@code BERTH_FLEET_TESTBED_DIRS} (three, colon-separated), else
 * {@code /var/tmp/berth-fleet-a|b|c}. The hosts are booted for this class and halted at its end
 * (left up with {@code KEEP_TESTBED=1}).
 */
class FleetIT {
    private static final String IMAGE = "localhost:5000/busybox:test";
    private static final String[] NAMES = {"fleet-a", "fleet-b", "fleet-c"};
    private static final String REMOTE = "/srv/share/fleet.git";

    private static final List<TestHost> hosts = new ArrayList<>();
    private static final List<Path> dirs = new ArrayList<>();

    @TempDir
    static Path work;
    private static TestGitRepo repo;

    @BeforeAll
    static void bootThreeHosts() throws Exception {
        String given = System.getenv("BERTH_FLEET_TESTBED_DIRS");
        for (int i = 0; i < NAMES.length; i++) {
            dirs.add(Path.of(given != null && !given.isBlank() ? given.split(":")[i] : "/var/tmp/berth-" + NAMES[i]));
        }
        // boot them one after the other (each boot is ~3 s from the shared cache; parallel boots fight over the cache lock)
        for (int i = 0; i < NAMES.length; i++) {
            hosts.add(TestHost.forDir(dirs.get(i), NAMES[i]));
        }
        repo = TestGitRepo.create(work.resolve("fleet"));
    }

    @AfterAll
    static void pruneAndHalt() throws Exception {
        onAll(h -> h.berth("prune"));
        for (TestHost h : hosts) {
            h.exec("rm", "-rf", REMOTE);
        }
        if (repo != null) {
            repo.close();
        }
        String defaultDir = System.getenv().getOrDefault("BERTH_TESTBED_DIR", "/var/tmp/berth-testbed");
        if (!"1".equals(System.getenv("KEEP_TESTBED"))) {
            for (int i = 0; i < hosts.size(); i++) {
                if (!dirs.get(i).toAbsolutePath().normalize().equals(Path.of(defaultDir).toAbsolutePath().normalize())) {
                    hosts.get(i).down();
                }
            }
        }
    }

    @Test
    void eachHostRunsItsShareAndFollowsMovesAndLabelChanges() throws Exception {
        repo.write("berth.toml", """
                # which host runs what (see README, "Many hosts")
                [hosts.fleet-a]
                labels = { role = "edge" }
                [hosts.fleet-b]
                labels = { role = "edge" }
                [hosts.fleet-c]
                labels = { role = "db" }

                [[rules]]
                units = ["edge/**"]
                labels = { role = "edge" }

                [[rules]]
                units = ["mover.container"]
                hosts = ["fleet-a"]
                """);
        repo.write("edge/edge.container", """
                [Container]
                Image=%s
                ContainerName=edge
                Volume=./site:/www:ro
                Exec=busybox httpd -f -p 8080 -h /www
                PublishPort=127.0.0.1:18201:8080
                StopTimeout=1
                """.formatted(IMAGE));
        repo.write("edge/site/index.html", "edge site\n");
        // per-host value: fleet-b publishes the same unit on another port
        repo.write("edge/edge.container.d/host-fleet-b.conf", """
                [Container]
                PublishPort=
                PublishPort=127.0.0.1:18202:8080
                """);
        repo.write("mover.container", sleeper("mover"));
        repo.write("db.container", sleeper("db") + "\n[X-Berth]\nLabels=role=db\n");
        repo.write("everywhere.container", sleeper("everywhere"));
        publish("three hosts, one repository");

        onAll(h -> h.berth("init", REMOTE)).forEach(r -> assertThat(r.exitCode()).as("%s", r).isZero());

        assertRuns(0, "edge", "mover", "everywhere");
        assertRuns(1, "edge", "everywhere");
        assertRuns(2, "db", "everywhere");
        hosts.get(0).waitForHttp(18201, "edge site", Duration.ofSeconds(30));
        hosts.get(1).waitForHttp(18202, "edge site", Duration.ofSeconds(30));
        assertThat(hosts.get(1).exec("curl", "-sS", "--max-time", "2", "http://127.0.0.1:18201/").ok())
                .as("fleet-b's own drop-in moved edge to port 18202").isFalse();
        assertThat(hosts.get(0).exec("test", "-e", "/etc/containers/systemd/berth/edge/edge.container.d/host-fleet-b.conf").ok())
                .as("fleet-b's drop-in is not installed on fleet-a").isFalse();

        // what would fleet-c get with role=edge? asked on fleet-a, without being fleet-c
        TestHost.Result plan = hosts.get(0).berth("plan", "--host", "fleet-c", "--label", "role=edge").orThrow();
        assertThat(plan.stdout()).contains("as host fleet-c", "empty host", "edge.container", "everywhere.container")
                .doesNotContain("db.container", "mover.container");
        assertRuns(0, "edge", "mover", "everywhere");

        // a commit moves mover from fleet-a to fleet-b
        repo.write("berth.toml", Files.readString(repo.dir().resolve("berth.toml")).replace(
                "units = [\"mover.container\"]\nhosts = [\"fleet-a\"]", "units = [\"mover.container\"]\nhosts = [\"fleet-b\"]"));
        publish("move mover to fleet-b");
        onAll(h -> h.berth("sync")).forEach(r -> assertThat(r.exitCode()).as("%s", r).isZero());
        assertRuns(0, "edge", "everywhere");
        assertThat(hosts.get(0).exec("test", "-e", "/etc/containers/systemd/berth/mover.container").ok()).isFalse();
        assertRuns(1, "edge", "mover", "everywhere");
        assertRuns(2, "db", "everywhere");

        // a label change on fleet-c: its own role=edge overrides the role=db berth.toml declares for it
        hosts.get(2).berth("label", "set", "role=edge").orThrow();
        assertThat(hosts.get(2).berth("label").orThrow().stdout()).contains("host fleet-c", "role=edge");
        hosts.get(2).berth("sync").orThrow();
        assertRuns(2, "edge", "everywhere");
        hosts.get(2).waitForHttp(18201, "edge site", Duration.ofSeconds(30));
        hosts.get(2).berth("label", "unset", "role").orThrow();
        hosts.get(2).berth("sync").orThrow();
        assertRuns(2, "db", "everywhere");
    }

    private static String sleeper(String name) {
        return """
                [Container]
                Image=%s
                ContainerName=%s
                Exec=sleep 100000
                StopTimeout=1
                """.formatted(IMAGE, name);
    }

    /** Exactly these of the repository's containers run on host i (by service name). */
    private static void assertRuns(int i, String... services) {
        List<String> all = List.of("edge", "mover", "db", "everywhere");
        for (String s : all) {
            String state = hosts.get(i).exec("systemctl", "show", "-p", "ActiveState", "--value", s + ".service").stdout().strip();
            boolean expected = List.of(services).contains(s);
            assertThat(state).as("%s.service on %s", s, NAMES[i]).isEqualTo(expected ? "active" : "inactive");
        }
    }

    /** Commits, then pushes to a bare repository in each host's shared folder (each host has its own /srv/share). */
    private static void publish(String message) throws Exception {
        repo.commit(message);
        for (TestHost h : hosts) {
            Path bare = h.hostPath(REMOTE);
            if (!Files.isDirectory(bare)) {
                Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
            }
            repo.git().push().setRemote(new URIish(bare.toUri().toString()).toString())
                    .setRefSpecs(new RefSpec("+HEAD:refs/heads/main")).setForce(true).call();
        }
    }

    private static List<TestHost.Result> onAll(Function<TestHost, TestHost.Result> action) {
        List<CompletableFuture<TestHost.Result>> runs = hosts.stream()
                .map(h -> CompletableFuture.supplyAsync(() -> action.apply(h))).toList();
        return runs.stream().map(CompletableFuture::join).toList();
    }
}

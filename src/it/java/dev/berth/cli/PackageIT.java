package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.git.TestGitRepo;
import dev.berth.it.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Berth's .deb (scripts/package, run by scripts/test before the ITs) on a second test host that has no JDK and no
 * Maven: installed, `berth init` of the example repository, upgraded to a second build, removed. The second build is
 * the same commit stamped VERSION+upgrade ({@code scripts/package --version +upgrade}).
 */
class PackageIT {
    private static final Path PACKAGES = Path.of("target/package");
    /** What the launcher records on the host for the installed program (root's cache folder). */
    private static final String AOT_CACHE = "/var/cache/berth/berth-installed.aot";
    private static TestHost bare;
    private static TestGitRepo repo;

    @BeforeAll
    static void boot() {
        String base = System.getenv().getOrDefault("BERTH_TESTBED_DIR", "/var/tmp/berth-testbed");
        // named after this run's own host, so engineers running PackageIT side by side do not share one machine name
        bare = TestHost.withoutJdk(Path.of(base + "-nojdk"), System.getenv().getOrDefault("BERTH_TESTBED_NAME", "berth") + "-nojdk");
    }

    @AfterAll
    static void halt() {
        if (repo != null) {
            repo.close();
        }
        if (bare != null && System.getenv("KEEP_TESTBED") == null) {
            bare.down();
        }
    }

    @Test
    void installInitUpgradeRemoveOnAHostWithoutJava() throws Exception {
        Path first = deb("");
        Path second = deb("+upgrade");
        assertThat(sh("command -v java mvn javac; ls /opt/jdk; find / -xdev \\( -name java -o -name libjvm.so \\) -print; true"))
                .as("nothing Java on the host before the package").isEmpty();

        // /srv/share outlives a re-boot: what an earlier run left there goes first
        bare.exec("rm", "-rf", "/srv/share/first.deb", "/srv/share/second.deb", "/srv/share/demo").orThrow();
        Files.copy(first, bare.hostPath("/srv/share/first.deb"));
        Files.copy(second, bare.hostPath("/srv/share/second.deb"));
        sh("dpkg -i /srv/share/first.deb");
        String version = sh("berth --version");
        assertThat(version).startsWith("berth " + versionOf(first)).contains("Java 25");
        assertThat(sh("systemctl is-enabled berth.service; systemctl is-active berth.service; true"))
                .as("installed, not enabled before berth init").isEqualTo("disabled\ninactive");
        assertThat(sh("dpkg -L berth | grep -c '\\.aot$'; true")).as("the package ships no AOT cache").isEqualTo("0");
        hostMadeAotCache();

        repo = TestGitRepo.create(bare.hostPath("/srv/share/demo"));
        Path demo = Path.of("examples/demo").toAbsolutePath();
        try (Stream<Path> files = Files.walk(demo)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                repo.write(demo.relativize(f).toString(), Files.readString(f));
            }
        }
        String commit = repo.commit("the demo");
        String init = bare.exec(Duration.ofMinutes(3), "berth", "init", "/srv/share/demo").orThrow().stdout();
        assertThat(init).contains("restart berth.service");
        bare.waitForHttp(18080, "hello", Duration.ofSeconds(30));
        awaitDaemon();
        String pidBefore = sh("systemctl show -p MainPID --value berth.service");
        assertThat(sh("readlink /proc/" + pidBefore + "/exe")).isEqualTo("/usr/lib/berth/runtime/bin/java");
        assertThat(sh("tr '\\0' ' ' < /proc/" + pidBefore + "/cmdline")).as("the daemon maps the cache the host made")
                .contains("-XX:AOTCache=" + AOT_CACHE);
        String history = sh("berth history");
        assertThat(sh("berth status")).contains(commit.substring(0, 7));

        String upgrade = sh("dpkg -i /srv/share/second.deb");
        assertThat(upgrade).contains("restarting the running daemon");
        awaitDaemon();
        String pidAfter = sh("systemctl show -p MainPID --value berth.service");
        assertThat(pidAfter).isNotEqualTo(pidBefore);
        assertThat(sh("berth --version")).startsWith("berth " + versionOf(second));
        sh("berth --help >/dev/null; for i in $(seq 1 600); do grep -qF '|" + versionOf(second) + "' " + AOT_CACHE + ".for 2>/dev/null && exit 0; sleep 0.5; done; exit 1");
        // the daemon runs the new jar: the old one was replaced on disk, so a process of the old version holds a deleted file
        assertThat(sh("ls -l /proc/" + pidAfter + "/fd | grep berth.jar")).contains("/usr/lib/berth/lib/berth.jar").doesNotContain("deleted");
        assertThat(sh("berth history")).as("the state survives the upgrade").startsWith(history);
        assertThat(sh("berth status")).contains(commit.substring(0, 7));

        String removal = bare.exec("dpkg", "-r", "berth").orThrow().stdout();
        assertThat(removal).contains("berth prune");
        assertThat(sh("command -v berth; true")).isEmpty();
        assertThat(sh("systemctl is-active web.service")).as("deployed units keep running").isEqualTo("active");
        assertThat(bare.waitForHttp(18080, "hello", Duration.ofSeconds(5))).contains("hello");
        assertThat(sh("ls /var/lib/berth")).isNotEmpty();
        assertThat(sh("ls /var/cache/berth")).as("the AOT cache goes with the program").doesNotContain("berth-installed.aot");
    }

    /**
     * The AOT cache is made on the host, by the launcher's first run that would use it ({@code --version} alone goes
     * without), in the background: nothing more on stdout or stderr than without it, and a broken one is ignored
     * silently (then made anew).
     */
    private static void hostMadeAotCache() {
        String plain = sh("BERTH_AOT=off berth --help 2>&1");
        assertThat(plain).contains("Usage: berth");
        sh("berth --help >/dev/null; for i in $(seq 1 600); do [ -s " + AOT_CACHE + ".for ] && exit 0; sleep 0.5; done; exit 1");
        assertThat(sh("berth --help 2>&1")).as("with the cache").isEqualTo(plain);
        sh("head -c 100000 /dev/urandom > " + AOT_CACHE);
        assertThat(sh("berth --help 2>&1")).as("with a broken cache").isEqualTo(plain);
        sh("rm -f " + AOT_CACHE + " " + AOT_CACHE + ".for; berth --help >/dev/null;"
                + " for i in $(seq 1 600); do [ -s " + AOT_CACHE + ".for ] && exit 0; sleep 0.5; done; exit 1");
    }

    private static void awaitDaemon() {
        sh("for i in $(seq 1 120); do systemctl is-active -q berth.service && exit 0; sleep 0.25; done;"
                + " journalctl -u berth.service -n 30 --no-pager; exit 1");
    }

    private static String sh(String script) {
        return bare.exec("sh", "-c", script).orThrow().stdout().strip();
    }

    /** The .deb scripts/package built, of the pom's version plus SUFFIX (the second build is stamped +upgrade). */
    private static Path deb(String suffix) throws IOException {
        try (Stream<Path> debs = Files.list(PACKAGES)) {
            List<Path> found = debs.filter(p -> p.getFileName().toString().endsWith("_amd64.deb"))
                    .filter(p -> p.getFileName().toString().contains("+upgrade") == !suffix.isEmpty()).toList();
            assertThat(found).as("in " + PACKAGES + ": run scripts/package and scripts/package --version +upgrade (scripts/test does)")
                    .hasSize(1);
            return found.getFirst();
        }
    }

    /** berth_0.1.0~SNAPSHOT_amd64.deb: 0.1.0-SNAPSHOT, what `berth --version` says. */
    private static String versionOf(Path deb) {
        String name = deb.getFileName().toString();
        return name.substring("berth_".length(), name.length() - "_amd64.deb".length()).replace('~', '-');
    }
}

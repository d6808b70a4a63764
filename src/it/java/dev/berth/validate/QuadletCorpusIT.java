package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.build.PodmanVersion;
import dev.berth.it.TestHost;
import dev.berth.repo.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On the test host, quadlet's own dry run and Berth's offline verdict (checked against the host's Podman
 * release, without running quadlet) agree on every case of Podman's quadlet test corpus, and the host's
 * verdicts are the ones the corpus manifest records for that release.
 */
class QuadletCorpusIT {

    private static final TestHost host = TestHost.get();
    private static final String SHARE = "/srv/share/quadlet-corpus-it";
    private static final List<QuadletCorpus.Case> CASES = QuadletCorpus.cases();

    private static String release;
    private static PodmanVersion hostVersion;
    /** quadlet's exit code per case, from one dry run per case repository on the host */
    private static final Map<String, Integer> quadletExit = new HashMap<>();

    @BeforeAll
    static void runQuadletOnEveryCase() throws IOException {
        Path share = host.hostPath(SHARE);
        deleteTree(share);
        for (int i = 0; i < CASES.size(); i++) {
            QuadletCorpus.layOut(CASES.get(i), share.resolve(String.valueOf(i)));
        }
        hostVersion = PodmanVersion.parse(host.exec("/usr/libexec/podman/quadlet", "-version").orThrow().stdout());
        release = hostVersion.major() + "." + hostVersion.minor();
        assertThat(QuadletCorpus.VERSIONS).as("the manifest has a column for the host's Podman " + hostVersion.text())
                .contains(release);
        // one shell for all cases (no nsenter per case), a quadlet process per case, four at a time
        String script = "cd " + SHARE + " && ls | xargs -P 4 -I CASE sh -c 'QUADLET_UNIT_DIRS=" + SHARE + "/CASE"
                + " /usr/libexec/podman/quadlet -dryrun >/dev/null 2>&1; echo \"CASE $?\"'";
        TestHost.Result run = host.exec(Duration.ofMinutes(2), "sh", "-c", script).orThrow();
        for (String line : run.stdout().strip().split("\n")) {
            String[] f = line.split(" ");
            quadletExit.put(CASES.get(Integer.parseInt(f[0])).file(), Integer.parseInt(f[1]));
        }
        assertThat(quadletExit).as("a dry run for every case").hasSize(CASES.size());
    }

    @AfterAll
    static void removeTheCases() throws IOException {
        deleteTree(host.hostPath(SHARE));
    }

    @Test
    void quadletOnTheHostGivesTheVerdictsTheManifestRecords() {
        List<String> differ = CASES.stream()
                .filter(c -> (quadletExit.get(c.file()) == 0) != c.quadletAccepts(release))
                .map(c -> c + ": manifest says " + (c.quadletAccepts(release) ? "accept" : "reject") + ", quadlet "
                        + hostVersion.text() + " exits " + quadletExit.get(c.file()))
                .toList();
        assertThat(differ).isEmpty();
    }

    @Test
    void berthsOfflineVerdictAgreesWithQuadletsDryRun() {
        List<String> disagree = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            QuadletCorpus.Case c = CASES.get(i);
            List<Problem> errors = QuadletCorpusTest.verdict(host.hostPath(SHARE + "/" + i), release);
            boolean quadletAccepts = quadletExit.get(c.file()) == 0;
            boolean berthAccepts = errors.isEmpty();
            boolean allowed = quadletAccepts && !berthAccepts && !c.berthStricter().isEmpty()
                    && errors.stream().allMatch(p -> QuadletCorpusTest.explains(c, p));
            if (quadletAccepts != berthAccepts && !allowed) {
                disagree.add(c + ": quadlet " + hostVersion.text() + (quadletAccepts ? " accepts" : " rejects") + ", Berth "
                        + (berthAccepts ? "accepts" : "rejects: " + errors.stream().map(Problem::toString).collect(Collectors.joining("; "))));
            }
        }
        assertThat(disagree).isEmpty();
    }

    @Test
    void berthValidateOnTheHostChecksAgainstTheInstalledPodmanAndNamesFileLineAndFix() {
        int i = indexOf("group.container");
        TestHost.Result r = host.berth("validate", SHARE + "/" + i);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("checked against Podman " + hostVersion.text() + " (found on this host)");
        assertThat(r.stdout()).contains("group.container:6: error: Group= without User= is refused by quadlet: set User= as well");
    }

    private static int indexOf(String file) {
        for (int i = 0; i < CASES.size(); i++) {
            if (CASES.get(i).file().equals(file)) {
                return i;
            }
        }
        throw new IllegalStateException(file + " is not in the corpus");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

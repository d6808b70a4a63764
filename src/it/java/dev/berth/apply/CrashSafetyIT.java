package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.git.TestGitRepo;
import dev.berth.host.FaultPoints;
import dev.berth.it.TestHost;
import dev.berth.secret.AgeCodec;
import dev.berth.secret.AgeIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 Berth at every step boundary of a deployment, one kill per boundary, then run a plain
 * {@code berth sync}: it converges every time — the new commit deployed and recorded, its containers running
 * with its content and secret, nothing of the old commit left (unit, container, file, secret), the lock free
 * and the sync report clean.
 *
 * <p>The boundaries are the {@link FaultPoints} of the library: a dry pass logs them all, so the walk covers
 * whatever steps the code has today. Each generation makes the same kinds of change (a unit's content changes
 * and restarts; another unit is renamed: stopped, removed, written and started under its new name; its secret
 * is replaced by a new one), so the steps of generation g+1 are those of generation g, N by N.
 */
class CrashSafetyIT {
    private static final String STATE = "/var/lib/berth";
    private static final String QUADLETS = "/etc/containers/systemd/berth";
    private static final String FAULT_LOG = "/tmp/berth-crash-faults.log";
    private static final String KEEP = "crash-keep";
    private static final String SECTION = "@@section@@";
    /**
     * What /opt/berth/berth runs, without the launcher's probe of the JDK (a JVM start of its own: 1-3 s of the
     * walk's two syncs per step on a loaded machine).
     */
    private static final String BERTH = "/opt/jdk/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k"
            + " -jar /opt/berth/target/berth.jar";
    private final Host host = Host.root();
    private TestGitRepo repo;
    private String recipient;

    @AfterEach
    void cleanUp() {
        host.berth("prune", "-q");
        host.run("for s in crash-token-a crash-token-b; do podman secret rm $s; done; rm -f " + FAULT_LOG + " " + STATE + "/"
                + AgeIdentity.FILE_NAME);
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    void killNineAtEveryStepBoundaryThenSyncConverges() throws Exception {
        host.berth("prune", "-q"); // whatever an interrupted run left
        host.run("rm -f " + STATE + "/" + AgeIdentity.FILE_NAME);
        recipient = host.berthOk("secret", "keygen").strip();
        repo = host.newRepo("crash");
        writeGeneration(0);
        repo.commit("generation 0");
        host.berthOk("init", "/srv/share/crash");
        assertConverged(repo.git().getRepository().resolve("HEAD").name(), 0);

        // The dry pass: a whole sync that logs every fault point it passes, and kills at none.
        writeGeneration(1);
        String head = repo.commit("generation 1");
        TestHost.Result dry = faultedSync(0);
        assertThat(dry.exitCode()).as("the dry pass is a normal sync:%n%s%n%s", dry.stdout(), dry.stderr()).isZero();
        List<String> steps = shape(faultLog(), 1);
        assertConverged(head, 1);
        for (int n = 1; n <= steps.size(); n++) {
            System.out.println("CrashSafetyIT: step " + n + " of " + steps.size() + ": " + steps.get(n - 1));
        }
        assertThat(steps.stream().filter(CrashSafetyIT::pipelineBoundary).toList())
                .as("the pipeline's step boundaries are fault points, in its order").containsExactly(
                        "step settle-self-upgrade", "step target", "step export", "step load", "step prepare-builds", "step plan", "step host-units",
                        "step unchanged", "step refuse-clashes", "step adopt", "step secrets", "step build", "step apply",
                        "step remove-secrets", "step interrupted", "step roll-back", "step record");
        assertThat(steps.stream().filter(s -> !pipelineBoundary(s)).map(CrashSafetyIT::kind).distinct())
                .as("the change exercises every kind of step").containsExactlyInAnyOrder(
                        "secret put", "state write", "stop", "remove", "write", "stop-queued", "daemon-reload", "restart", "start",
                        "secret remove");
        // A kill at a pipeline boundary leaves the host as the kill at the point before it did (nothing changes
        // between them), so the walk kills at every point where the host changed, plus once before any change.
        List<Integer> kills = new ArrayList<>();
        for (int n = 1; n <= steps.size(); n++) {
            if (!pipelineBoundary(steps.get(n - 1)) || steps.get(n - 1).equals("step plan")) {
                kills.add(n);
            }
        }

        List<String> visited = new ArrayList<>();
        int generation = 1;
        for (int n : kills) {
            long started = System.nanoTime();
            generation++;
            writeGeneration(generation);
            head = repo.commit("generation " + generation);

            TestHost.Result killed = faultedSync(n);
            String step = n + " " + steps.get(n - 1);
            assertThat(killed.exitCode()).as("berth sync was killed by SIGKILL after step %s:%n%s%n%s",
                    step, killed.stdout(), killed.stderr()).isEqualTo(FaultPoints.KILLED_EXIT_CODE);
            assertThat(shape(faultLog(), generation)).as("the steps up to the kill are the dry pass's")
                    .isEqualTo(steps.subList(0, n));

            TestHost.Result sync = host.run(BERTH + " sync");
            assertThat(sync.exitCode()).as("the sync after the kill at step %s:%n%s%n%s", step, sync.stdout(), sync.stderr())
                    .isZero();
            assertThat(sync.stderr()).as("the killed sync left no lock to wait for").doesNotContain("waiting");
            assertConverged(head, generation);
            visited.add(step);
            System.out.printf("CrashSafetyIT: killed after step %s, then sync converged (%.1f s)%n", step,
                    (System.nanoTime() - started) / 1e9);
        }
        assertThat(visited).as("a kill at every step boundary").hasSameSizeAs(kills).hasSizeGreaterThan(20);
        assertStatusClean(head);
    }

    /** A {@code berth sync} killed after fault point {@code killAt} (0: killed nowhere), logging the points it passes. */
    private TestHost.Result faultedSync(int killAt) {
        host.sh("rm -f " + FAULT_LOG);
        return host.run((killAt > 0 ? FaultPoints.AT_VARIABLE + "=" + killAt + " " : "")
                + FaultPoints.LOG_VARIABLE + "=" + FAULT_LOG + " " + BERTH + " sync");
    }

    private List<String> faultLog() {
        List<String> steps = new ArrayList<>();
        String[] lines = host.sh("cat " + FAULT_LOG).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String[] numbered = lines[i].split("\t", 2);
            assertThat(numbered[0]).as("fault points are numbered in order").isEqualTo(Integer.toString(i + 1));
            steps.add(numbered[1]);
        }
        return steps;
    }

    /** The steps of the change to {@code generation}, with its renamed unit and secret named by role. */
    private static List<String> shape(List<String> steps, int generation) {
        return steps.stream().map(s -> s.replace(moving(generation - 1), "<old unit>").replace(moving(generation), "<new unit>")
                .replace(token(generation - 1), "<old secret>").replace(token(generation), "<new secret>")).toList();
    }

    private static boolean pipelineBoundary(String point) {
        return point.startsWith("step ");
    }

    private static String kind(String step) {
        return step.startsWith("state write") || step.startsWith("secret ") ? step.substring(0, step.indexOf(' ', 7))
                : step.substring(0, step.indexOf(' '));
    }

    private static String moving(int generation) {
        return "crash-move-" + (generation % 2 == 0 ? "a" : "b");
    }

    private static String token(int generation) {
        return "crash-token-" + (generation % 2 == 0 ? "a" : "b");
    }

    private void writeGeneration(int generation) throws Exception {
        if (generation > 0) {
            repo.delete(moving(generation - 1) + ".container").delete("secrets/" + token(generation - 1) + ".age");
        }
        repo.write(KEEP + ".container", sleeper(KEEP, generation, ""));
        repo.write(moving(generation) + ".container", sleeper(moving(generation), generation,
                "Secret=" + token(generation) + ",type=env,target=TOKEN\n"));
        Files.createDirectories(repo.dir().resolve("secrets"));
        Files.write(repo.dir().resolve("secrets/" + token(generation) + ".age"),
                AgeCodec.encrypt(("token of g" + generation).getBytes(StandardCharsets.UTF_8), List.of(recipient)));
    }

    /** A container doing nothing that stops at once on SIGTERM (busybox sleep as PID 1 would make stop wait). */
    private static String sleeper(String name, int generation, String more) {
        return """
                [Container]
                Image=%s
                ContainerName=it-%s
                Exec=sh -c 'trap "exit 0" TERM; sleep 100000 & wait'
                Environment=MARKER=g%d
                StopTimeout=5
                %s""".formatted(Units.IMAGE, name, generation, more);
    }

    private void assertConverged(String head, int generation) throws Exception {
        String moving = moving(generation);
        String gone = moving(generation + 1);
        String[] s = host.sh(String.join("; echo " + SECTION + "; ",
                "cat " + STATE + "/applied.json",
                "cat " + STATE + "/last-sync.json",
                "cd " + QUADLETS + " && find . -type f | sed 's|^./|quadlet/|' | sort",
                "find " + STATE + " -maxdepth 1 -name '*.berth-tmp'",
                "systemctl is-active " + KEEP + ".service " + moving + ".service",
                "systemctl show -p LoadState,ActiveState --value " + gone + ".service",
                "podman ps -a --format '{{.Names}}' | grep '^it-crash' | sort",
                "podman exec it-" + KEEP + " sh -c 'echo $MARKER'; podman exec it-" + moving + " sh -c 'echo $MARKER $TOKEN'",
                "podman secret ls --format '{{.Name}}' | grep '^crash-' | sort",
                "cat " + STATE + "/secrets.json",
                "lslocks -n -o PATH | grep -c '^" + STATE + "/lock' || true")).split(SECTION);
        String[] section = Arrays.stream(s).map(String::strip).toArray(String[]::new);
        ObjectMapper json = new ObjectMapper();

        JsonNode applied = json.readTree(section[0]);
        assertThat(applied.path("commit").asText()).as("the deployed commit").isEqualTo(head);
        JsonNode lastSync = json.readTree(section[1]);
        assertThat(lastSync.path("result").asText()).as("last sync result").isEqualTo("ok");
        assertThat(lastSync.path("commit").asText()).as("last sync commit").isEqualTo(head);
        assertThat(lastSync.path("error").isNull()).as("last sync error: %s", lastSync.path("error")).isTrue();
        assertThat(lines(section[2])).as("unit files on disk are exactly the recorded ones (nothing orphaned, no temp file)")
                .isEqualTo(names(applied.path("files")))
                .isEqualTo(Set.of("quadlet/" + KEEP + ".container", "quadlet/" + moving + ".container",
                        "quadlet/secrets/" + token(generation) + ".age"));
        assertThat(section[3]).as("no temporary file left in the state folder").isEmpty();
        assertThat(section[4]).as("both units of the commit run").isEqualTo("active\nactive");
        assertThat(section[5]).as("the renamed unit's old name is gone, not failed").isEqualTo("not-found\ninactive");
        assertThat(section[6]).as("exactly the commit's containers").isEqualTo("it-" + KEEP + "\nit-" + moving);
        assertThat(section[7]).as("the containers run the commit's content and secret")
                .isEqualTo("g" + generation + "\ng" + generation + " token of g" + generation);
        assertThat(section[8]).as("exactly the commit's secret in Podman").isEqualTo(token(generation));
        assertThat(names(json.readTree(section[9]))).as("Berth's record of its secrets").containsExactly(token(generation));
        assertThat(section[10]).as("nobody holds the host lock").isEqualTo("0");
    }

    /** What {@code berth status} says after the walk: the last commit, deployed cleanly, nothing drifted or failed. */
    private void assertStatusClean(String head) throws Exception {
        JsonNode status = new ObjectMapper().readTree(host.berthOk("status", "--json"));
        assertThat(status.path("deployed").path("id").asText()).isEqualTo(head);
        assertThat(status.path("lastSync").path("result").asText()).isEqualTo("ok");
        assertThat(status.path("drift")).isEmpty();
        assertThat(status.path("units")).hasSize(2);
        for (JsonNode unit : status.path("units")) {
            assertThat(unit.path("activeState").asText()).as(unit.path("unit").asText()).isEqualTo("active");
        }
    }

    private static TreeSet<String> lines(String text) {
        TreeSet<String> out = new TreeSet<>();
        text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(out::add);
        return out;
    }

    private static TreeSet<String> names(JsonNode object) {
        TreeSet<String> out = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}

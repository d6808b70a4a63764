package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.git.TestGitRepo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 Berth at many points of an apply, start it again: the next sync converges, with every unit
 * running the new commit, no file left behind that Berth does not know, and no lock left over.
 */
class CrashSafetyIT {
    private static final int UNITS = 4;
    private static final int[] KILL_AFTER_MS = {150, 400, 700, 1000, 1400, 1900, 2600, 3500};
    private final Host host = Host.root();
    private TestGitRepo repo;

    @AfterEach
    void prune() {
        host.berth("prune", "-q");
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    void killNineAtManyPointsThenSyncConverges() throws Exception {
        repo = host.newRepo("crash");
        writeGeneration(0);
        repo.commit("generation 0");
        host.berthOk("init", "/srv/share/crash");

        List<String> interrupted = new ArrayList<>();
        for (int i = 0; i < KILL_AFTER_MS.length; i++) {
            int generation = i + 1;
            // Every other generation also renames a unit, so removals and new files are cut short too.
            writeGeneration(generation);
            String head = repo.commit("generation " + generation);

            String killed = host.sh("/opt/berth/berth sync -q >/tmp/crash.log 2>&1 & pid=$!; sleep "
                    + KILL_AFTER_MS[i] / 1000.0 + "; if kill -9 $pid 2>/dev/null; then echo killed; else echo finished; fi; wait $pid || true");
            if (killed.equals("killed")) {
                interrupted.add(KILL_AFTER_MS[i] + " ms");
            }

            host.berthOk("sync");
            assertConverged(head, generation);
        }
        assertThat(interrupted).as("syncs really killed mid-way").hasSizeGreaterThanOrEqualTo(KILL_AFTER_MS.length / 2);
    }

    private void writeGeneration(int generation) throws Exception {
        for (int u = 0; u < UNITS; u++) {
            String name = unitName(u, generation);
            String previous = unitName(u, generation - 1);
            if (generation > 0 && !previous.equals(name)) {
                repo.delete(previous + ".container");
            }
            repo.write(name + ".container", Units.sleeper("it-" + name, "g" + generation));
        }
    }

    private static String unitName(int u, int generation) {
        return "crash" + u + (u == 0 ? "-g" + (generation / 2) : "");
    }

    private void assertConverged(String head, int generation) throws Exception {
        JsonNode applied = new ObjectMapper().readTree(host.sh("cat /var/lib/berth/applied.json"));
        assertThat(applied.path("commit").asText()).isEqualTo(head);
        TreeSet<String> recorded = new TreeSet<>();
        for (Iterator<String> it = applied.path("files").fieldNames(); it.hasNext(); ) {
            recorded.add(it.next());
        }
        TreeSet<String> onDisk = new TreeSet<>();
        for (String f : host.sh("cd /etc/containers/systemd/berth && find . -type f | sed 's|^./|quadlet/|'").split("\n")) {
            if (!f.isBlank()) {
                onDisk.add(f.strip());
            }
        }
        assertThat(onDisk).as("files on disk are exactly the recorded ones (nothing orphaned)").isEqualTo(recorded);
        for (int u = 0; u < UNITS; u++) {
            String name = unitName(u, generation);
            assertThat(host.activeState(name + ".service")).as(name).isEqualTo("active");
            assertThat(host.sh("podman inspect --format '{{range .Config.Env}}{{println .}}{{end}}' it-" + name))
                    .contains("MARKER=g" + generation);
        }
        assertThat(host.sh("podman ps --format '{{.Names}}' | grep -c '^it-crash' || true"))
                .as("no container of an old generation left running").isEqualTo(Integer.toString(UNITS));
    }
}

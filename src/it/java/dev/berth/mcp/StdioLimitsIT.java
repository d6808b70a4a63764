package dev.berth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.it.TestHost;
import dev.berth.mcp.declaration.McpDeclarationReader;
import dev.berth.mcp.declaration.McpDeclarations;
import dev.berth.mcp.declaration.McpServerDeclaration;
import dev.berth.mcp.declaration.StdioLaunch;
import dev.berth.repo.RepositoryReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits Berth gives a stdio MCP server's container ({@link StdioLaunch#podmanRunArgs}: {@code --memory},
 * {@code --cpus}, {@code --pids-limit}) are enforced by a kernel: a memory hog is OOM-killed at the limit
 * while one below it runs, a fork bomb stops at the pids limit, busy loops are throttled to the CPU quota.
 *
 * <p>The test host cannot show this: this machine's cgroups are hybrid (v1 memory, cpu, pids; the v2
 * hierarchy has only hugetlb), so no controller can be delegated into it and its Podman runs without
 * cgroups. So this test runs real Podman on this machine itself (root, cgroupfs manager on the v1
 * controllers, runc, which runs in hybrid mode where crun refuses it; storage of its own under /var/tmp;
 * scripts/test installs podman and runc) with exactly the arguments Berth builds from a real {@code .mcp}
 * file, and the script each check runs fed on the container's stdin, where Berth speaks the protocol. Only
 * the busybox image comes from the test host. The checks read the cgroup files of v1 and of v2.
 */
class StdioLimitsIT {

    private static final Path PODMAN_HOME = Path.of("/var/tmp/berth-stdio-limits");
    private static final String IMAGE = "localhost/berth-limits-busybox:test";
    private static final long MIB = 1L << 20;

    private static final Map<String, String> PODMAN_ENV = new HashMap<>();
    /** Berth's defaults: Memory= 256m, CPUs= 1, 256 processes. */
    private static StdioLaunch defaults;
    /** CPUs= 0.05, the rest default. */
    private static StdioLaunch throttled;

    /** What one container printed: KEY=VALUE lines (the last of each key) and the whole text, for messages. */
    private record Printed(Map<String, String> values, String text) {
        String get(String key) {
            return values.get(key);
        }
    }

    @BeforeAll
    static void podmanOnThisMachine(@TempDir Path repo) throws Exception {
        assertThat(Files.isExecutable(Path.of("/usr/bin/podman")))
                .as("podman on this machine (scripts/test installs it: apt-get install podman runc)").isTrue();
        Files.createDirectories(PODMAN_HOME);
        // Podman as root asks the runtime for the highest nofile/nproc limits unless told; without
        // CAP_SYS_RESOURCE here that is refused, so lower ones (far above the 256 processes under test).
        Files.writeString(PODMAN_HOME.resolve("containers.conf"), """
                [containers]
                default_ulimits = ["nofile=4096:4096", "nproc=8192:8192"]
                log_driver = "k8s-file"
                [engine]
                runtime = "runc"
                cgroup_manager = "cgroupfs"
                events_logger = "file"
                """);
        Files.writeString(PODMAN_HOME.resolve("storage.conf"), """
                [storage]
                driver = "overlay"
                graphroot = "%s/storage"
                runroot = "%s/run"
                """.formatted(PODMAN_HOME, PODMAN_HOME));
        PODMAN_ENV.put("CONTAINERS_CONF", PODMAN_HOME.resolve("containers.conf").toString());
        PODMAN_ENV.put("CONTAINERS_STORAGE_CONF", PODMAN_HOME.resolve("storage.conf").toString());
        if (podman(List.of("image", "exists", IMAGE), "").exitCode != 0) {
            Path tarball = TestHost.get().hostPath("/root/busybox-rootfs.tar");
            PodmanRun imported = podman(List.of("import", "-q", "--change", "CMD [\"/bin/sh\"]", tarball.toString(), IMAGE), "");
            assertThat(imported.exitCode).as("podman import of the test host's busybox\n" + imported.output).isZero();
        }
        // CPUs= declared small enough that busy loops exceed it even on this loaded machine: the container's
        // cgroup competes as one task with every other process at the cpu hierarchy's root, so at a load of
        // 12 it gets ~0.15 CPU, below the default 1.
        Files.writeString(repo.resolve("defaults.mcp"), "[MCP]\nImage=" + IMAGE + "\nExec=sh\n");
        Files.writeString(repo.resolve("throttled.mcp"), "[MCP]\nImage=" + IMAGE + "\nExec=sh\nCPUs=0.05\n");
        McpDeclarations declarations = McpDeclarationReader.read(repo, RepositoryReader.read(repo));
        assertThat(declarations.problems()).isEmpty();
        for (McpServerDeclaration server : declarations.servers()) {
            switch (server.name()) {
                case "defaults" -> defaults = server.launch();
                case "throttled" -> throttled = server.launch();
                default -> throw new AssertionError(server.name());
            }
        }
    }

    @Test
    void aMemoryHogIsKilledAtTheLimitWhileOneBelowItRuns() throws Exception {
        Printed out = session(defaults, """
                f=/sys/fs/cgroup/memory/memory.limit_in_bytes; [ -e $f ] || f=/sys/fs/cgroup/memory.max
                read limit < $f; echo "limit=$limit"
                dd if=/dev/zero of=/dev/null bs=200M count=1 2>/dev/null; echo "below=$?"
                dd if=/dev/zero of=/dev/null bs=300M count=1 2>/dev/null; echo "above=$?"
                f=/sys/fs/cgroup/memory/memory.oom_control; [ -e $f ] || f=/sys/fs/cgroup/memory.events
                while read k v; do [ "$k" = oom_kill ] && echo "oom_kills=$v"; done < $f
                """);
        assertThat(out.get("limit")).as(out.text()).isEqualTo(String.valueOf(256 * MIB)); // Berth's default Memory=
        assertThat(out.get("below")).as("a 200 MiB buffer fits under 256 MiB\n" + out.text()).isEqualTo("0");
        assertThat(out.get("above")).as("a 300 MiB buffer is SIGKILLed (128 + 9)\n" + out.text()).isEqualTo("137");
        assertThat(out.get("oom_kills")).as("the kernel's OOM kills in the container's cgroup\n" + out.text()).isEqualTo("1");
    }

    @Test
    void aForkBombStopsAtThePidsLimit() throws Exception {
        // The bomb runs in a subshell, which exits at the first fork refused; the outer shell then reads the
        // count with builtins only (a fork could still be refused).
        Printed out = session(defaults, """
                ( i=0; while [ $i -lt 400 ]; do sleep 60 & i=$((i+1)); echo "started=$i"; done )
                g=/sys/fs/cgroup/pids; [ -e $g/pids.max ] || g=/sys/fs/cgroup
                read max < $g/pids.max; echo "max=$max"
                read current < $g/pids.current; echo "current=$current"
                """);
        assertThat(out.get("max")).as(out.text()).isEqualTo(String.valueOf(StdioLaunch.PIDS_LIMIT));
        assertThat(out.text()).contains("can't fork");
        // the shell and its subshell are two of the 256
        assertThat(out.get("started")).as(out.text()).isEqualTo(String.valueOf(StdioLaunch.PIDS_LIMIT - 2));
        assertThat(out.get("current")).as(out.text()).isEqualTo(String.valueOf(StdioLaunch.PIDS_LIMIT - 1));
    }

    @Test
    void busyLoopsAreThrottledToTheCpuQuota() throws Exception {
        Printed out = session(throttled, """
                usage() {
                  if [ -e /sys/fs/cgroup/cpuacct/cpuacct.usage ]; then read u < /sys/fs/cgroup/cpuacct/cpuacct.usage; echo $((u / 1000))
                  else while read k v; do [ "$k" = usage_usec ] && echo "$v"; done < /sys/fs/cgroup/cpu.stat; fi
                }
                if [ -e /sys/fs/cgroup/cpu.max ]; then read q < /sys/fs/cgroup/cpu.max
                else read a < /sys/fs/cgroup/cpu/cpu.cfs_quota_us; read b < /sys/fs/cgroup/cpu/cpu.cfs_period_us; q="$a $b"; fi
                echo "quota=$q"
                while :; do :; done & x=$!
                while :; do :; done & y=$!
                read t0 rest < /proc/uptime; u0=$(usage)
                sleep 3
                read t1 rest < /proc/uptime; u1=$(usage)
                kill $x $y
                echo "wall=$t0 $t1"
                echo "usage=$u0 $u1"
                s=/sys/fs/cgroup/cpu/cpu.stat; [ -e $s ] || s=/sys/fs/cgroup/cpu.stat
                while read k v; do [ "$k" = nr_throttled ] && echo "throttled=$v"; done < $s
                """);
        assertThat(out.get("quota")).as("5 ms of CPU per 100 ms period\n" + out.text()).isEqualTo("5000 100000");
        assertThat(Long.parseLong(out.get("throttled"))).as("periods the kernel throttled\n" + out.text()).isPositive();
        String[] wall = out.get("wall").split(" ");
        String[] usage = out.get("usage").split(" ");
        double seconds = Double.parseDouble(wall[1]) - Double.parseDouble(wall[0]);
        double cpuSeconds = (Long.parseLong(usage[1]) - Long.parseLong(usage[0])) / 1e6;
        System.out.printf("StdioLimitsIT: two busy loops used %.2f CPU-s in %.2f s (quota 0.05)%n", cpuSeconds, seconds);
        assertThat(cpuSeconds / seconds).as("share of one CPU\n" + out.text()).isLessThan(0.08);
    }

    /** One stdio server session as Berth starts it ({@code podman} + Berth's arguments), the script on stdin. */
    private static Printed session(StdioLaunch launch, String script) throws Exception {
        String container = "berth-limits-it-" + UUID.randomUUID().toString().substring(0, 8);
        PodmanRun run = podman(launch.podmanRunArgs("limits", container), script);
        Map<String, String> values = new HashMap<>();
        for (String line : run.output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[a-z_]+")) {
                values.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        System.out.println("StdioLimitsIT: " + container + " exited " + run.exitCode);
        return new Printed(values, run.output);
    }

    private record PodmanRun(int exitCode, String output) {
    }

    private static PodmanRun podman(List<String> arguments, String stdin) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(PODMAN_ENV);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        // the output is a few KB, well within a pipe's buffer, so waiting before reading cannot block podman
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("podman " + String.join(" ", arguments) + " did not finish in 60 s");
        }
        return new PodmanRun(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}

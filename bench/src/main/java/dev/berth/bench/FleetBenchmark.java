package dev.berth.bench;

import dev.berth.fleet.FleetFile;
import dev.berth.fleet.FleetFileReader;
import dev.berth.fleet.HostIdentity;
import dev.berth.fleet.HostSelection;
import dev.berth.fleet.Placement;
import dev.berth.fleet.Targeting;
import dev.berth.plan.Planner;
import dev.berth.repo.DesiredState;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryReader;
import dev.berth.repo.RepositoryScan;
import dev.berth.state.AppliedState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A simulated fleet: {@code hosts} host identities planned against one generated repository of
 * {@code units} units ({@link RepositoryGenerator}) with a berth.toml that shards the applications by
 * label, gives the backup jobs to a group, and the shared infrastructure (networks, volumes, builds) to
 * every host. Planner level, no systemd.
 *
 * <ul>
 *   <li>{@code placeUnits}: where every unit goes (rules matched against every path; once per commit)</li>
 *   <li>{@code selectAllHosts}: every host's share of the repository</li>
 *   <li>{@code selectAndPlanAllHosts}: every host's share, each planned against an empty host (a fleet's
 *       first deploy, the biggest plan each host makes)</li>
 * </ul>
 * Before measuring, the setup checks every host's unit set against the rules, computed independently of
 * {@link Targeting} from the paths alone, and fails if one host differs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class FleetBenchmark {
    private static final String[] ROLES = {"edge", "worker", "db", "cache"};
    private static final int SHARDS = 10;

    @Param({"2000"})
    public int units;

    @Param({"1000"})
    public int hosts;

    private Path dir;
    private DesiredState desired;
    private FleetFile fleet;
    private Map<String, Placement> placements;
    private List<HostIdentity> fleetHosts;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("berth-fleet-bench");
        RepositoryGenerator.write(dir, units, 0);
        StringBuilder toml = new StringBuilder("""
                default = "all"   # networks, volumes and builds: every host

                [groups.backup]
                labels = { role = "db" }

                [[rules]]
                units = ["jobs/**"]
                groups = ["backup"]
                """);
        for (int s = 0; s < SHARDS; s++) {
            toml.append("\n[[rules]]\nunits = [\"apps/app-*").append(s).append("/**\"]\nlabels = { shard = \"")
                    .append(s).append("\" }\n");
        }
        fleetHosts = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            fleetHosts.add(new HostIdentity(hostName(h), Map.of("role", ROLES[h % ROLES.length], "shard",
                    String.valueOf(h % SHARDS), "site", "site-" + (h % 7))));
        }
        Files.writeString(dir.resolve(FleetFile.FILE_NAME), toml.toString());
        RepositoryScan scan = RepositoryReader.read(dir);
        if (scan.hasErrors()) {
            throw new IllegalStateException("generated repository has errors: " + scan.problems());
        }
        desired = scan.desired();
        FleetFileReader.Result read = FleetFileReader.read(dir);
        if (read.hasErrors()) {
            throw new IllegalStateException("generated berth.toml has errors: " + read.problems());
        }
        fleet = read.file();
        placements = Targeting.place(desired, fleet);
        checkEveryHost();
    }

    private static String hostName(int h) {
        return "host-%04d".formatted(h);
    }

    /** Every host's share, against the rules as written above, from the unit paths alone. */
    private void checkEveryHost() {
        for (HostIdentity host : fleetHosts) {
            Set<String> expected = new TreeSet<>();
            for (RepoUnit u : desired.units().values()) {
                String p = u.path();
                boolean app = p.startsWith("apps/");
                boolean job = p.startsWith("jobs/");
                String appFolder = app ? p.split("/")[1] : "";
                if (!app && !job
                        || job && host.labels().get("role").equals("db")
                        || app && appFolder.endsWith(host.labels().get("shard"))) {
                    expected.add(u.fileName());
                }
            }
            HostSelection s = Targeting.select(desired, placements, fleet, host);
            if (!s.problems().isEmpty()) {
                throw new IllegalStateException(host + ": " + s.problems());
            }
            if (!s.desired().units().keySet().equals(expected)) {
                throw new IllegalStateException(host + " gets " + s.desired().units().size() + " units, the rules say "
                        + expected.size());
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public Map<String, Placement> placeUnits() {
        return Targeting.place(desired, fleet);
    }

    @Benchmark
    public int selectAllHosts() {
        int total = 0;
        for (HostIdentity host : fleetHosts) {
            total += Targeting.select(desired, placements, fleet, host).desired().units().size();
        }
        return total;
    }

    @Benchmark
    public int selectAndPlanAllHosts() {
        int actions = 0;
        for (HostIdentity host : fleetHosts) {
            HostSelection s = Targeting.select(desired, placements, fleet, host);
            actions += Planner.plan(s.desired(), AppliedState.empty(), Map.of()).actions().size();
        }
        return actions;
    }
}

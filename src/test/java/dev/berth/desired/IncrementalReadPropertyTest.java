package dev.berth.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.fleet.HostIdentity;
import dev.berth.git.GitSource;
import dev.berth.plan.PlanMemo;
import dev.berth.plan.Planner;
import dev.berth.plan.Planning;
import dev.berth.repo.DesiredState;
import dev.berth.repo.Problem;
import dev.berth.repo.ReadMemo;
import dev.berth.repo.RepositoryReader;
import dev.berth.repo.RepositoryReading;
import dev.berth.repo.RepositoryScan;
import dev.berth.repo.ValidationLimits;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import dev.berth.validate.CheckedRules;
import dev.berth.validate.PodmanTarget;
import dev.berth.validate.RepositoryValidator;
import dev.berth.testing.Draw;
import dev.berth.testing.Seeded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A followed checkout read again only where git says it changed must give exactly what a full read gives:
 * over random sequences of commits (units added, removed, renamed and broken, drop-ins in the unit's folder
 * and at the root, bind-mounted folders, symlinks, berth.toml and host label changes, files outside the
 * followed folder), each commit is exported as a sync exports it, loaded by one long-lived loader as the
 * daemon loads it, and compared with a fresh loader's full read of the same checkout.
 */
class IncrementalReadPropertyTest {

    @TempDir
    Path tmp;

    private final AtomicInteger changedOnlyReads = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger changedUnitsReads = new AtomicInteger();
    private final AtomicInteger chainedUnitReads = new AtomicInteger();
    private final AtomicInteger followedPlans = new AtomicInteger();

    /** One commit: what the tree holds (path → content, or a symlink's target after {@code LINK:}), and this host's labels. */
    record Commit(Map<String, String> files, Map<String, String> labels) {
    }

    record History(String subPath, List<Commit> commits) {
        @Override
        public String toString() {
            return "subPath='" + subPath + "' " + commits;
        }
    }

    @Test
    void incrementalAndFullReadsGiveEqualDesiredStates() {
        AtomicInteger tryNumber = new AtomicInteger();
        Seeded.check(25, IncrementalReadPropertyTest::history, history -> check(history, tmp.resolve("try-" + tryNumber.incrementAndGet())));
        // the property is only worth something if the incremental path was taken, not a full read every time.
        // About half the reads take it (66 of 128 and 70 of 135 for seeds 2 and 1); the random histories also
        // change berth.toml or labels, which forces full reads, and one CI run drew 47 of 145: a fifth is a floor
        // no run's draw comes near, while a broken incremental path (0) still fails it.
        assertThat(changedOnlyReads.get()).as("reads of the changed paths only, of %d", reads.get())
                .isGreaterThan(reads.get() / 5);
        // and the reads that rebuilt only the changed units, through the loader and through the chain of this test
        assertThat(changedUnitsReads.get()).as("reads of the changed units only, of %d", reads.get())
                .isGreaterThan(reads.get() / 10);
        assertThat(chainedUnitReads.get()).as("chained reads of the changed units only, of %d", reads.get())
                .isGreaterThan(reads.get() / 10);
        // and the plans that followed the change from the last plan (against the first commit's host state)
        assertThat(followedPlans.get()).as("plans of the changed units only, of %d", reads.get())
                .isGreaterThan(reads.get() / 10);
    }

    private void check(History history, Path dir) throws Exception {
        Path work = dir.resolve("work");
        Path checkout = dir.resolve("checkouts/current");
        Files.createDirectories(checkout.getParent());
        Map<String, String>[] labels = new Map[] {Map.of()};
        CheckedRepositoryLoader checked = new CheckedRepositoryLoader();
        Chain chain = new Chain(dir.getFileName().toString().hashCode() % 3 == 0);
        RepositoryLoader daemon = new TargetedRepositoryLoader(checked, () -> new HostIdentity("host-1", labels[0]));
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            for (Commit commit : history.commits()) {
                String id = commit(git, work, commit.files());
                labels[0] = commit.labels();
                try (GitSource source = GitSource.open(work.resolve(".git"), "refs/heads/main")) {
                    source.export(id, history.subPath(), checkout);
                    LoadedRepository incremental = daemon.load(checkout, new CheckoutVersion(id, history.subPath()),
                            (from, to) -> source.changedPaths(from, to, history.subPath()));
                    LoadedRepository full = new TargetedRepositoryLoader(new CheckedRepositoryLoader(),
                            () -> new HostIdentity("host-1", labels[0])).load(checkout, null);
                    assertThat(incremental.desired()).as("desired state at %s", commit).isEqualTo(full.desired());
                    assertThat(incremental.problems()).as("problems at %s", commit).isEqualTo(full.problems());
                    chain.next(checkout, id, (from, to) -> source.changedPaths(from, to, history.subPath()), commit);
                }
                reads.incrementAndGet();
                RepositoryReading.Kind kind = checked.lastReadKind().orElseThrow();
                if (kind != RepositoryReading.Kind.FULL) {
                    changedOnlyReads.incrementAndGet();
                }
                if (kind == RepositoryReading.Kind.CHANGED_UNITS) {
                    changedUnitsReads.incrementAndGet();
                }
            }
        }
    }

    /**
     * The reader, the rules and the planner chained as the daemon chains them, each step starting from the last
     * one's result, compared with a fresh read, a full check of every rule and a plan from the full read, against
     * the state the host has after deploying the previous commit. The rules' problems are compared as lists, not
     * sets: a problem counted twice by one and once by the other is a difference. The plans also follow the change
     * from the last plan: against the host state of the first commit's deployment, kept (as a host that has not
     * applied since: the plan of the changed units), and against the previous commit's, a new state each time
     * (which the plan must see, and plan everything).
     */
    private final class Chain {
        private ReadMemo memo;
        private CheckedRules rules;
        private String commit;
        private AppliedState applied = AppliedState.empty();
        /** when set, a file of the kept host state is edited on disk (drift: every plan is a full one) */
        private final boolean drift;
        private AppliedState kept;
        private Map<String, String> keptObserved;
        private PlanMemo keptPlan;
        private PlanMemo movingPlan;

        Chain(boolean drift) {
            this.drift = drift;
        }

        void next(Path checkout, String id, CommitDiff diff, Commit described) {
            // git does not always know (a symlink it cannot diff): then a full read, as the loader makes
            Optional<Set<String>> changed = memo == null ? Optional.empty() : diff.changedPaths(commit, id);
            RepositoryReading reading = changed.map(paths -> RepositoryReader.readChanged(checkout, memo, paths))
                    .orElseGet(() -> RepositoryReader.readRemembering(checkout, ValidationLimits.DEFAULTS));
            rules = CheckedRules.check(reading.scan(), PodmanTarget.assumedNewest(), rules);
            RepositoryScan full = RepositoryReader.read(checkout);
            List<Problem> fullProblems = new ArrayList<>(RepositoryValidator.check(full));
            fullProblems.sort(Problem.BY_LOCATION);
            assertThat(rules.problems()).as("rules' problems at %s", described).isEqualTo(fullProblems);
            assertThat(reading.scan().units()).as("units at %s", described).isEqualTo(full.units());
            assertThat(Planner.plan(reading.scan().desired(), applied)).as("plan at %s", described)
                    .isEqualTo(Planner.plan(full.desired(), applied));
            Planning moving = Planner.plan(reading.scan().desired(), applied, applied.files(), movingPlan);
            assertThat(moving.plan()).as("followed plan at %s", described).isEqualTo(Planner.plan(full.desired(), applied));
            movingPlan = moving.memo();
            if (kept != null) {
                Planning followed = Planner.plan(reading.scan().desired(), kept, keptObserved, keptPlan);
                assertThat(followed.plan()).as("plan followed against the first host state at %s", described)
                        .isEqualTo(Planner.plan(full.desired(), kept, keptObserved));
                keptPlan = followed.memo();
                if (followed.kind() == Planning.Kind.CHANGED_UNITS) {
                    followedPlans.incrementAndGet();
                }
            }
            if (reading.kind() == RepositoryReading.Kind.CHANGED_UNITS) {
                chainedUnitReads.incrementAndGet();
            }
            memo = reading.memo();
            commit = id;
            applied = afterDeploying(full.desired(), id);
            if (kept == null) {
                kept = applied;
                TreeMap<String, String> observed = new TreeMap<>(kept.files());
                if (drift && !observed.isEmpty()) {
                    observed.put(observed.firstKey(), "edited-on-the-host");
                }
                keptObserved = java.util.Collections.unmodifiableMap(observed);
            }
        }
    }

    /** What the host has after deploying {@code desired} in full. */
    private static AppliedState afterDeploying(DesiredState desired, String commit) {
        Map<String, String> files = new TreeMap<>();
        desired.files().values().forEach(f -> files.put(f.target(), f.digest()));
        Map<String, AppliedUnit> units = new TreeMap<>();
        desired.units().values().forEach(u -> units.put(u.fileName(),
                new AppliedUnit(u.fileName(), u.systemdName(), u.inputDigest(), u.options().autoStart(), u.dependsOn())));
        return new AppliedState(commit, files, units);
    }

    private static String commit(Git git, Path work, Map<String, String> files) throws Exception {
        try (Stream<Path> old = Files.walk(work)) {
            for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(work) && !work.relativize(p).toString().startsWith(".git")) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = work.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            if (f.getValue().startsWith("LINK:")) {
                Files.createSymbolicLink(p, Path.of(f.getValue().substring(5)));
            } else {
                Files.writeString(p, f.getValue());
            }
        }
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("test", "test@example.org");
        return git.commit().setMessage("step").setAuthor(who).setCommitter(who).setSign(false).setAllowEmpty(true)
                .call().getName();
    }

    // ---- drawing histories

    private static final List<String> APPS = List.of("a0", "a1", "a2", "a3", "a4");

    static History history(Draw draw) {
        String subPath = draw.oneIn(3) ? "site" : "";
        List<Commit> commits = new ArrayList<>();
        TreeMap<String, String> files = new TreeMap<>();
        files.put(subPath.isEmpty() ? "README.md" : subPath + "/README.md", "the followed folder always exists\n");
        Map<String, String> labels = Map.of("role", "edge");
        int count = draw.between(2, 9);
        // half the histories, after their first commit, only edit files that are there: the commits whose
        // reads rebuild only the units that read a changed file, with the others kept as they were
        boolean editsOnly = draw.bool();
        for (int i = 0; i < count; i++) {
            int changes = i == 0 ? draw.between(1, editsOnly ? 12 : 6) : draw.between(1, 3);
            TreeMap<String, String> next = new TreeMap<>(files);
            for (int c = 0; c < changes; c++) {
                if (draw.oneIn(12)) {
                    labels = Map.of("role", draw.of(List.of("edge", "db")));
                } else {
                    change(draw, next, subPath.isEmpty() ? "" : subPath + "/");
                }
            }
            if (editsOnly && i > 0) {
                files.replaceAll((path, content) -> next.getOrDefault(path, content));
            } else {
                files = next;
            }
            commits.add(new Commit(Map.copyOf(files), labels));
        }
        return new History(subPath, commits);
    }

    private static void change(Draw draw, TreeMap<String, String> files, String at) {
        String app = draw.of(APPS);
        String dir = at + "apps/" + app + "/";
        String v = String.valueOf(draw.between(0, 3));
        switch (draw.between(0, 16)) {
            case 0, 1 -> {
                files.put(dir + app + ".container", container(app, v, draw.bool(), draw.bool(), draw.oneIn(3)));
                files.put(dir + app + ".env", "A=" + v + "\n");
            }
            case 2 -> files.keySet().removeIf(p -> p.startsWith(dir));
            case 3 -> { // rename the unit file within its folder, or move the whole folder
                String other = draw.of(APPS);
                if (draw.bool()) {
                    String unit = files.remove(dir + app + ".container");
                    if (unit != null) {
                        files.put(dir + other + ".container", unit);
                    }
                } else {
                    String to = at + "apps/" + other + "/";
                    if (!to.equals(dir)) {
                        new ArrayList<>(files.keySet()).stream().filter(p -> p.startsWith(dir))
                                .forEach(p -> files.put(to + p.substring(dir.length()), files.remove(p)));
                    }
                }
            }
            case 4 -> files.put(dir + app + ".env", "A=" + v + "\nB=" + draw.between(0, 9) + "\n");
            case 5 -> files.put(dir + app + ".container.d/10-label.conf", "[Container]\nLabel=x=" + v + "\n");
            case 6 -> files.remove(dir + app + ".container.d/10-label.conf");
            case 7 -> {
                if (draw.bool()) {
                    files.put(at + "container.d/50-all.conf", "[Container]\nLabel=all=" + v + "\n");
                } else {
                    files.remove(at + "container.d/50-all.conf");
                }
            }
            case 8 -> {
                if (draw.bool()) {
                    files.put(at + "infra/net.network", "[Network]\nLabel=v=" + v + "\n");
                } else {
                    files.remove(at + "infra/net.network");
                }
            }
            case 9 -> files.put(at + "berth.toml", draw.of(List.of(
                    "default = \"all\"\n",
                    "default = \"none\"\n[[rules]]\nunits = [\"apps/" + app + "/**\", \"*.network\"]\nlabels = { role = \"edge\" }\n",
                    "[[rules]]\nunits = [\"" + app + ".container\"]\nlabels = { role = \"db\" }\n",
                    "default = 3\n")));
            case 10 -> files.put(dir + app + ".container", "[Container\nImage=" + v + "\n"); // a syntax error
            case 11 -> files.put(dir + "config/" + draw.of(List.of("app.conf", "extra.conf")), "workers " + v + "\n");
            case 12 -> files.keySet().removeIf(p -> p.startsWith(dir + "config/"));
            case 13 -> { // a timer and its service, plain systemd units
                if (draw.bool()) {
                    files.put(at + "jobs/backup.timer", "[Timer]\nOnCalendar=daily\n[Install]\nWantedBy=timers.target\n");
                    files.put(at + "jobs/backup.service", "[Service]\nType=oneshot\nExecStart=/bin/true " + v + "\n");
                } else {
                    files.remove(at + "jobs/backup.timer");
                }
            }
            case 14, 15 -> { // names and references that reach other units: a service name, a dependency, a network joined
                String other = draw.of(APPS);
                String extra = draw.of(List.of("ServiceName=svc-" + v + "\n", "ContainerName=c-%p\n",
                        "Network=" + other + ".container\n", "[Unit]\nRequires=" + other + ".container\n",
                        "[Unit]\nWants=" + other + ".container\nAfter=" + other + ".container\n", ""));
                String unit = container(app, v, draw.bool(), draw.bool(), false);
                files.put(dir + app + ".container", extra.startsWith("[Unit]") ? unit + extra
                        : unit.replace("[Container]\n", "[Container]\n" + extra));
            }
            default -> { // symlinks and files outside the followed folder: a doubt, and nothing, respectively
                if (draw.bool()) {
                    files.put(at + "apps/shared.env", "LINK:" + app + "/" + app + ".env");
                } else if (draw.bool()) {
                    files.remove(at + "apps/shared.env");
                } else {
                    files.put("outside/x" + v + ".container", "[Container]\nImage=outside\n");
                }
            }
        }
    }

    private static String container(String app, String v, boolean network, boolean config, boolean sharedEnv) {
        return "[Container]\nImage=docker.io/library/" + app + ":" + v + "\nEnvironmentFile=" + app + ".env\n"
                + (sharedEnv ? "EnvironmentFile=../shared.env\n" : "")
                + (network ? "Network=net.network\n" : "")
                + (config ? "Volume=./config:/etc/app:ro\n" : "")
                + "[Install]\nWantedBy=default.target\n";
    }
}

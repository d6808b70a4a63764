package dev.berth.bench;

import dev.berth.git.GitSource;
import dev.berth.host.FileStamp;
import dev.berth.plan.Plan;
import dev.berth.plan.PlanMemory;
import dev.berth.plan.Planner;
import dev.berth.plan.Planning;
import dev.berth.repo.Problem;
import dev.berth.repo.ReadMemo;
import dev.berth.repo.RepositoryReader;
import dev.berth.repo.RepositoryReading;
import dev.berth.repo.ValidationLimits;
import dev.berth.state.AppliedState;
import dev.berth.state.StateStore;
import dev.berth.validate.CheckedRules;
import dev.berth.validate.PodmanTarget;
import dev.berth.validate.RepositoryValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
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
 * A sync of a new commit as the daemon reads it: git's tree diff from the commit read last, the changed paths
 * read again and the rest reused ({@link RepositoryReader#readChanged}), the validation rules, and the plan
 * against the previous commit's applied state. The rules are checked as the daemon checks them ({@link CheckedRules}:
 * again only for the units the read rebuilt), and the plan follows the change from the first commit's plan
 * against the same host state ({@link Planner#plan(dev.berth.repo.DesiredState, AppliedState, Map, PlanMemo)}:
 * again only for the units and files the read rebuilt), through the daemon's {@link PlanMemory}, with the host state
 * as the daemon's sync gets it: the applied state read each operation through a real {@link StateStore} from a real
 * {@code applied.json} (written in setup and left to settle, so the store hands back the object it parsed, as it
 * does while the file is unchanged), and the files on disk as the one map {@code apply.ObservedFiles} hands back
 * while no installed file changed. That map is passed as the same object each operation rather than made from
 * ~20,000 real installed files: the stat walk that makes it is timed on its own ({@link ObservedFilesBenchmark}).
 * A repository of {@code units} units in git, with two
 * commits ({@code change}): {@code onePercent} changes 1% of the units ({@link RepositoryGenerator}'s revision 1), {@code oneFile}
 * changes one env file. Each operation starts from the first commit's read, so every sample does the same work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class IncrementalReadBenchmark {

    @Param({"10000"})
    public int units;

    /** onePercent: 1% of the units changed; oneFile: one env file changed */
    @Param({"onePercent", "oneFile"})
    public String change;

    private Sync sync;

    /** One repository at its second commit, with the first commit's read and applied state. */
    private record Sync(Path checkout, GitSource git, String from, String to, ReadMemo earlier, CheckedRules earlierRules,
                        StateStore store, Map<String, String> observed, PlanMemory plans) {
    }

    @Setup(Level.Trial)
    public void generate() throws Exception {
        sync = change.equals("oneFile")
                ? prepare(units, root -> Files.writeString(root.resolve("apps/app-1/app-1.env"), "CHANGED=1\n"))
                : prepare(units, root -> RepositoryGenerator.write(root, units, 1));
    }

    @FunctionalInterface
    private interface Change {
        void apply(Path root) throws IOException;
    }

    private static Sync prepare(int units, Change change) throws Exception {
        Path root = Files.createTempDirectory("berth-bench-incremental-");
        RepositoryGenerator.write(root, units, 0);
        try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
            String from = commit(git);
            RepositoryReading first = RepositoryReader.readRemembering(root, ValidationLimits.DEFAULTS);
            AppliedState applied = AppliedStates.afterDeploying(first.scan().desired(), from);
            change.apply(root);
            String to = commit(git);
            GitSource source = GitSource.open(root.resolve(".git"), "refs/heads/main");
            Set<String> changed = source.changedPaths(from, to, "").orElseThrow();
            CheckedRules rules = CheckedRules.check(first.scan(), PodmanTarget.assumedNewest(), null);
            StateStore store = settledStore(Files.createTempDirectory("berth-bench-state-"), applied);
            // no drift: what Berth wrote, one map as ObservedFiles hands it back while nothing changed on disk
            Map<String, String> observed = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(applied.files()));
            // the daemon's memory of its last plan: the first commit's, against the host state as it was then
            PlanMemory plans = new PlanMemory();
            plans.plan(first.scan().desired(), store.applied(), observed);
            Sync sync = new Sync(root, source, from, to, first.memo(), rules, store, observed, plans);
            RepositoryReading again = read(sync);
            var full = RepositoryReader.readRemembering(root, ValidationLimits.DEFAULTS).scan();
            if (again.kind() != RepositoryReading.Kind.CHANGED_UNITS || !again.scan().desired().equals(full.desired())
                    || !again.scan().problems().equals(full.problems()) || !again.scan().units().equals(full.units())) {
                throw new IllegalStateException("the incremental read is not the full read's equal");
            }
            java.util.List<Problem> fullProblems = new java.util.ArrayList<>(RepositoryValidator.check(full));
            fullProblems.sort(Problem.BY_LOCATION);
            if (!CheckedRules.check(again.scan(), PodmanTarget.assumedNewest(), rules).problems().equals(fullProblems)) {
                throw new IllegalStateException("the rules checked again where units changed are not the full check's equal");
            }
            Plan followed = plans.plan(again.scan().desired(), store.applied(), observed);
            if (plans.lastKind() != Planning.Kind.CHANGED_UNITS || !followed.equals(Planner.plan(full.desired(), applied))) {
                throw new IllegalStateException("the plan of the changed units is not the full plan's equal");
            }
            if (plans.lastHandOver() != PlanMemory.HandOver.SAME) {
                throw new IllegalStateException("the host state did not come back as the memory's own objects");
            }
            System.out.printf("%n%d units; %d paths changed%n", again.scan().desired().units().size(), changed.size());
            return sync;
        }
    }

    /**
     * A state folder whose {@code applied.json} holds {@code applied}, read once it is settled (2 s after its write:
     * ctime counts, so only waiting makes it so), after which the store hands back the object it parsed.
     */
    private static StateStore settledStore(Path dir, AppliedState applied) throws Exception {
        StateStore store = new StateStore(dir);
        store.saveApplied(applied);
        FileStamp written = FileStamp.of(dir.resolve("applied.json")).orElseThrow();
        while (!written.settledAt(java.time.Instant.now())) {
            Thread.sleep(100);
        }
        AppliedState read = store.applied();
        if (!read.equals(applied) || store.applied() != read) {
            throw new IllegalStateException("the state store does not hand back the applied state it read");
        }
        return store;
    }

    private static String commit(Git git) throws Exception {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("bench", "bench@example.org");
        return git.commit().setMessage("revision").setAuthor(who).setCommitter(who).setSign(false).call().getName();
    }

    private static RepositoryReading read(Sync sync) {
        Set<String> changed = sync.git().changedPaths(sync.from(), sync.to(), "").orElseThrow();
        return RepositoryReader.readChanged(sync.checkout(), sync.earlier(), changed);
    }

    private static Plan readValidateAndPlan(Sync sync) {
        RepositoryReading reading = read(sync);
        // the rules as the daemon checks them: again only where the units changed since the first commit's check
        CheckedRules rules = CheckedRules.check(reading.scan(), PodmanTarget.assumedNewest(), sync.earlierRules());
        if (reading.scan().hasErrors() || rules.problems().stream().anyMatch(Problem::isError)) {
            throw new IllegalStateException("repository became invalid");
        }
        try {
            return sync.plans().plan(reading.scan().desired(), sync.store().applied(), sync.observed());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Benchmark
    public Plan changedOnlyReadValidateAndPlan() {
        return readValidateAndPlan(sync);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        sync.git().close();
        for (Path dir : java.util.List.of(sync.checkout(), sync.store().dir())) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}

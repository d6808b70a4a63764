package dev.berth.bench;

import dev.berth.plan.Plan;
import dev.berth.plan.Planner;
import dev.berth.repo.DesiredState;
import dev.berth.repo.Problem;
import dev.berth.repo.RepositoryReader;
import dev.berth.repo.RepositoryScan;
import dev.berth.state.AppliedState;
import dev.berth.validate.RepositoryValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * How long a sync takes to decide what to do, on a generated repository of {@code units} units
 * ({@link RepositoryGenerator}). Two commits are generated: the one the host has applied and the next,
 * which changes 1% of the units.
 *
 * <ul>
 *   <li>{@code readValidateAndPlan}: read the new commit from disk (parse, resolve drop-ins, hash
 *       supporting files), run the validation rules, and plan against the previous commit</li>
 *   <li>{@code planFullDeploy}: plan alone, against an empty host</li>
 *   <li>{@code planOnePercentChanged}: plan alone, against the previous commit</li>
 * </ul>
 * The quadlet dry run of {@code berth validate} is left out: it runs podman's generator, an external
 * process whose time is podman's, not Berth's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class PlanBenchmark {

    @Param({"1000", "10000"})
    public int units;

    private Path previousCommit;
    private Path nextCommit;
    private DesiredState next;
    private AppliedState applied;
    private Map<String, String> observed;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        previousCommit = Files.createTempDirectory("berth-bench-previous-");
        nextCommit = Files.createTempDirectory("berth-bench-next-");
        RepositoryGenerator.write(previousCommit, units, 0);
        RepositoryGenerator.write(nextCommit, units, 1);
        applied = AppliedStates.afterDeploying(readValid(previousCommit).desired(), "previous");
        next = readValid(nextCommit).desired();
        observed = applied.files(); // no drift: the host holds what Berth wrote
        Plan plan = Planner.plan(next, applied, observed);
        System.out.printf("%n%d units read; a full deploy has %d steps, the 1%% change %d steps (%d restarts)%n",
                next.units().size(), Planner.plan(next, AppliedState.empty(), Map.of()).actions().size(),
                plan.actions().size(), plan.ofType(dev.berth.plan.ActionType.RESTART).size());
    }

    /** The generated repository must be one Berth accepts, or the numbers would measure error paths. */
    private RepositoryScan readValid(Path root) {
        RepositoryScan scan = RepositoryReader.read(root);
        List<Problem> problems = new java.util.ArrayList<>(scan.problems());
        problems.addAll(RepositoryValidator.check(scan));
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        if (!errors.isEmpty() || scan.desired().units().size() != units) {
            throw new IllegalStateException("generated repository is not valid (" + scan.desired().units().size()
                    + " units read of " + units + "): " + errors.stream().limit(5).toList());
        }
        return scan;
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        for (Path root : List.of(previousCommit, nextCommit)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Benchmark
    public Plan readValidateAndPlan() {
        RepositoryScan scan = RepositoryReader.read(nextCommit);
        if (scan.hasErrors() || RepositoryValidator.check(scan).stream().anyMatch(Problem::isError)) {
            throw new IllegalStateException("repository became invalid");
        }
        return Planner.plan(scan.desired(), applied, observed);
    }

    @Benchmark
    public Plan planFullDeploy() {
        return Planner.plan(next, AppliedState.empty(), Map.of());
    }

    @Benchmark
    public Plan planOnePercentChanged() {
        return Planner.plan(next, applied, observed);
    }
}

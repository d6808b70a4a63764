package dev.berth.bench;

import dev.berth.json.Json;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import dev.berth.state.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * Reading {@code applied.json} of {@code units} units, warm (what a daemon pays after each deployment, when the
 * file's stamp moved): {@code stateStore} is Berth's read (jackson-core, {@code state.StateForm}), {@code databind}
 * the object mapper that read it before, both from the same file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class StateFileBenchmark {

    @Param({"10000"})
    public int units;

    private Path dir;

    @Setup(Level.Trial)
    public void write() throws IOException {
        dir = Files.createTempDirectory("berth-state-bench");
        Map<String, String> files = new TreeMap<>();
        Map<String, AppliedUnit> applied = new TreeMap<>();
        for (int i = 0; i < units; i++) {
            String name = "svc-" + i + ".container";
            files.put(name, "sha256:" + "%064x".formatted(i));
            files.put("svc-" + i + ".env", "sha256:" + "%064x".formatted(-i));
            applied.put(name, new AppliedUnit(name, "svc-" + i + ".service", "sha256:" + "%064x".formatted(i * 31L), true,
                    i % 10 == 0 ? List.of("svc-" + (i + 1) + ".service") : List.of()));
        }
        new StateStore(dir).saveApplied(new AppliedState("0123456789abcdef0123456789abcdef01234567", files, applied));
    }

    @TearDown(Level.Trial)
    public void remove() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public AppliedState stateStore() throws IOException {
        return new StateStore(dir).applied(); // a new store: nothing remembered, the file parsed
    }

    @Benchmark
    public AppliedState databind() throws IOException {
        return Json.stateFiles().readValue(dir.resolve("applied.json").toFile(), AppliedState.class);
    }
}

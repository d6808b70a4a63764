package dev.berth.bench;

import dev.berth.apply.ObservedFiles;
import dev.berth.host.FileStamp;
import dev.berth.host.HostLayout;
import dev.berth.repo.Sha256;
import dev.berth.state.AppliedState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * What a daemon's sync spends on the files on disk ({@link ObservedFiles}, through the process's
 * {@code InstalledFileHashes}): {@code files} small installed files (a .container and an .env per unit, so 20,000 for
 * 10,000 units) in a temporary layout, left to settle so that their hashes are remembered. {@code observedFiles} is
 * every later sync: one stat per file, no hashing, the last map handed back. {@code secondStat} is the other stat per
 * file the hashing memory made before it read the file type from its stamp ({@code Files.isRegularFile} first): the
 * earlier code's walk cost about the two together. The cold walk (nothing remembered: every file stat'ed and hashed,
 * as a daemon's first sync) is timed once per trial in setup, in a fresh JVM, and printed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ObservedFilesBenchmark {

    @Param({"20000"})
    public int files;

    private Path root;
    private HostLayout layout;
    private AppliedState applied;
    private final List<Path> paths = new ArrayList<>();

    @Setup(Level.Trial)
    public void install() throws Exception {
        root = Files.createTempDirectory("berth-bench-observed-");
        layout = new HostLayout(false, root.resolve("state"), root.resolve("quadlets"), root.resolve("units"), root.resolve("run"));
        Map<String, String> recorded = new HashMap<>();
        for (int i = 0; i < files; i++) {
            String app = "app-" + (i / 2);
            String target = i % 2 == 0 ? "quadlet/" + app + "/" + app + ".container" : "quadlet/" + app + "/" + app + ".env";
            String content = i % 2 == 0 ? "[Container]\nImage=localhost/" + app + ":1\nEnvironmentFile=./" + app + ".env\n" : "N=" + i + "\n";
            Path file = layout.pathOf(target);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            recorded.put(target, Sha256.of(content));
            paths.add(file);
        }
        applied = new AppliedState("c1", recorded, Map.of());
        FileStamp last = FileStamp.of(paths.get(paths.size() - 1)).orElseThrow();
        while (!last.settledAt(Instant.now())) { // remembered only once settled: ctime counts, so only waiting does it
            Thread.sleep(100);
        }
        long start = System.nanoTime();
        Map<String, String> cold = ObservedFiles.PROCESS.of(layout, applied);
        long coldNanos = System.nanoTime() - start;
        if (!cold.equals(recorded)) {
            throw new IllegalStateException("the files on disk are not what was written");
        }
        start = System.nanoTime();
        Map<String, String> warm = ObservedFiles.PROCESS.of(layout, applied);
        long warmNanos = System.nanoTime() - start;
        if (warm != cold) {
            throw new IllegalStateException("an unchanged disk did not give the same map");
        }
        System.out.printf("%n%d files: cold (all hashed) %.1f ms, first warm %.1f ms%n", files, coldNanos / 1e6, warmNanos / 1e6);
    }

    @Benchmark
    public Map<String, String> observedFiles() {
        return ObservedFiles.PROCESS.of(layout, applied);
    }

    @Benchmark
    public int secondStat() {
        int regular = 0;
        for (Path p : paths) {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                regular++;
            }
        }
        return regular;
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

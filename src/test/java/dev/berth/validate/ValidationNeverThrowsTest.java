package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.repo.ValidationLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever a repository holds, reading and validating it yields problems, never an exception:
 * random bytes under unit names, and unit-like text assembled from real keys, references and paths.
 */
class ValidationNeverThrowsTest {

    private static final List<String> NAMES = List.of("web.container", "db.volume", "net.network", "p.pod", "app.build",
            "base.image", "k.kube", "web.service", "web.timer", "s@.container", "s@1.container", "a-b.container",
            "web.container.d/x.conf", "container.d/y.conf", "sub/web.container", "sub/x.env", "ctx/Containerfile",
            "tools.mcp", "sub/Bad_Name.mcp", "mcp.lock");

    private static final List<String> LINES = List.of("[Container]", "[Unit]", "[Service]", "[Build]", "[Kube]", "[X-Berth]",
            "[Timer]", "[Volume]", "[Network]", "[Pod]", "[Image]", "[", "]", "Image=nginx", "Image=app.build", "Image=",
            "Network=net.network", "Network=nope.network:ip=1", "Volume=./sub:/d", "Volume=../..:/x", "Volume=db.volume:/v",
            "Mount=type=bind,source=./ctx", "Mount=source=", "EnvironmentFile=sub/x.env", "EnvironmentFile=%n/x",
            "EnvironmentFile=", "Requires=web.service web.container", "After=", "Pod=p.pod", "Yaml=../k.yaml",
            "SetWorkingDirectory=unit", "SetWorkingDirectory=file", "SetWorkingDirectory=ctx", "File=Containerfile",
            "ImageTag=x", "ServiceName=web", "ServiceName=", "Unit=web.container", "AutoStart=perhaps",
            "HealthTimeout=99999999999999999999d", "HealthTimeout=1.5h", "Self=yes", "key without equals", "=v",
            "# comment", "; comment", "continued \\", "\\", "", " ", "\t", "Exec=sleep %i", "\u00e9=\u00e9",
            "[MCP]", "MCP=http://127.0.0.1:1/mcp", "MCP=http://[::1", "MCP=", "MCPName=tools", "MCPName=", "MCPTimeout=x",
            "MCPMaxConcurrentCalls=99999999999", "MCPAllowTools=a b@", "MCPDenyTools=", "Exec=\"unclosed", "Exec=\\x",
            "Memory=99999999999999999999g", "CPUs=0.0", "Environment==x", "ReadOnly=", "Network=host", "AllowTools=",
            "Timeout=1w", "{\"version\": 1, \"servers\": {\"tools\": {\"a\": 1}}}");

    @Property(tries = 100)
    void randomRepositoriesOnlyYieldProblems(@ForAll("repositories") List<Tuple.Tuple2<String, byte[]>> files) throws IOException {
        Path root = Files.createTempDirectory("berth-fuzz");
        try {
            for (var f : files) {
                Path p = root.resolve(f.get1());
                Files.createDirectories(p.getParent());
                Files.write(p, f.get2());
            }
            ValidationReport report = new RepositoryValidator(new ValidationLimits(4096, 8192), QuadletGenerator.NONE).validate(root);
            assertThat(report.problems()).allSatisfy(p -> {
                assertThat(p.file()).isNotNull();
                assertThat(p.line()).isNotNegative();
                assertThat(p.message()).isNotBlank();
                // the validator turns a crashing rule into a problem; that must not happen either
                assertThat(p.message()).doesNotContain("report this as a Berth bug");
            });
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<String, byte[]>>> repositories() {
        Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> unitLike = Arbitraries.of(LINES).list().ofMaxSize(25)
                .map(l -> String.join("\n", l).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> content = Arbitraries.frequencyOf(Tuple.of(1, randomBytes), Tuple.of(4, unitLike));
        return Combinators.combine(Arbitraries.of(NAMES), content).as(Tuple::of).list().ofMaxSize(12)
                .uniqueElements(Tuple.Tuple2::get1);
    }
}

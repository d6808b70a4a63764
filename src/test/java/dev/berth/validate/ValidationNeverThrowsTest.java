package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.repo.ValidationLimits;
import dev.berth.testing.Draw;
import dev.berth.testing.Seeded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

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

    /** A file of the repository: its path, and what it holds. */
    record RepoFile(String path, byte[] content) {
        @Override
        public String toString() {
            return path + "=" + Seeded.text(content);
        }
    }

    @Test
    void randomRepositoriesOnlyYieldProblems() {
        Seeded.check(100, ValidationNeverThrowsTest::repository, ValidationNeverThrowsTest::onlyProblems);
    }

    private static void onlyProblems(List<RepoFile> files) throws IOException {
        Path root = Files.createTempDirectory("berth-fuzz");
        try {
            for (var f : files) {
                Path p = root.resolve(f.path());
                Files.createDirectories(p.getParent());
                Files.write(p, f.content());
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

    /** Up to twelve files with distinct names; one in five holds random bytes, the rest unit-like lines. */
    private static List<RepoFile> repository(Draw d) {
        return d.uniqueList(12, x -> new RepoFile(x.of(NAMES), content(x)), RepoFile::path);
    }

    private static byte[] content(Draw d) {
        if (d.oneIn(5)) {
            return d.bytes(300);
        }
        return String.join("\n", d.list(25, x -> x.of(LINES))).getBytes(StandardCharsets.UTF_8);
    }
}

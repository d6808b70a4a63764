package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quadlet generator runs again only when its input or the generator itself changed. */
class RememberedDryRunTest {
    @TempDir
    Path tmp;

    private Path runs;
    private Path units;
    private RememberedDryRun generator;

    @BeforeEach
    void setUp() throws Exception {
        runs = tmp.resolve("runs");
        units = Files.createDirectories(tmp.resolve("units"));
        Files.writeString(units.resolve("a.container"), "[Container]\n");
        Path quadlet = Files.createDirectories(tmp.resolve("bin")).resolve("quadlet");
        Files.writeString(quadlet, """
                #!/bin/sh
                echo "$1" >> %s
                if [ "$1" = -version ]; then echo 5.4.2; exit 0; fi
                echo 'quadlet-generator[7]: converting "a.container": no Image or Rootfs key specified' >&2
                exit 1
                """.formatted(runs));
        Files.setPosixFilePermissions(quadlet, PosixFilePermissions.fromString("rwx------"));
        generator = new RememberedDryRun(new PodmanQuadletGenerator(List.of(quadlet)), tmp.resolve("state/quadlet-cache"));
    }

    private List<String> runs() throws Exception {
        return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
    }

    @Test
    void theSameFilesAreNotDryRunTwiceAndTheAnswerIsTheSame() throws Exception {
        QuadletGenerator.DryRun first = generator.dryRun(units).orElseThrow();
        QuadletGenerator.DryRun second = generator.dryRun(units).orElseThrow();

        assertThat(runs()).containsExactly("-dryrun");
        assertThat(second).isEqualTo(first);
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.messages()).containsExactly("quadlet-generator[7]: converting \"a.container\": no Image or Rootfs key specified");
    }

    @Test
    void aChangedOrAddedFileRunsTheGeneratorAgain() throws Exception {
        generator.dryRun(units);
        Files.writeString(units.resolve("a.container"), "[Container]\nImage=x\n");
        generator.dryRun(units);
        Files.createDirectories(units.resolve("a.container.d"));
        Files.writeString(units.resolve("a.container.d/10.conf"), "[Container]\n");
        generator.dryRun(units);

        assertThat(runs()).containsExactly("-dryrun", "-dryrun", "-dryrun");
    }

    @Test
    void theVersionIsAskedOnceForTheSameBinary() throws Exception {
        assertThat(generator.version()).hasValueSatisfying(v -> assertThat(v.text()).isEqualTo("5.4.2"));
        assertThat(generator.version()).hasValueSatisfying(v -> assertThat(v.text()).isEqualTo("5.4.2"));

        assertThat(runs()).containsExactly("-version");
    }
}

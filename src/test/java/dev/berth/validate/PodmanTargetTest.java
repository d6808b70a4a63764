package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.build.PodmanVersion;
import dev.berth.repo.TestRepo;
import dev.berth.repo.ValidationLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Podman release validation checks against: the one asked for, else the installed one, else the newest Berth knows. */
class PodmanTargetTest {

    @TempDir
    Path dir;

    /** A generator that is "installed" as Podman 5.4.2 and counts its dry runs. */
    private static final class Installed54 implements QuadletGenerator {
        final AtomicInteger dryRuns = new AtomicInteger();

        @Override
        public Optional<DryRun> dryRun(Path quadletDir) {
            dryRuns.incrementAndGet();
            return Optional.of(new DryRun("quadlet -dryrun", 0, List.of()));
        }

        @Override
        public Optional<PodmanVersion> version() {
            return Optional.of(PodmanVersion.parse("5.4.2"));
        }
    }

    @Test
    void theInstalledReleaseIsUsedAndItsDryRunRuns() {
        new TestRepo(dir).file("web.container", "[Container]\nImage=x\nRetry=3\n");
        Installed54 host = new Installed54();
        ValidationReport report = new RepositoryValidator(ValidationLimits.DEFAULTS, host).validate(dir);
        assertThat(report.podman().toString()).isEqualTo("Podman 5.4.2 (found on this host)");
        assertThat(report.problems()).singleElement().asString().contains("'Retry' is not a setting quadlet of Podman 5.4.2");
        assertThat(host.dryRuns).hasValue(1);
        assertThat(report.notes()).contains("checked against Podman 5.4.2 (found on this host)");
    }

    @Test
    void aReleaseAskedForWinsAndTheHostsDryRunOfAnotherReleaseIsSkipped() {
        new TestRepo(dir).file("web.container", "[Container]\nImage=x\nRetry=3\n");
        Installed54 host = new Installed54();
        ValidationReport report = new RepositoryValidator(ValidationLimits.DEFAULTS, host, Optional.of(PodmanVersion.parse("5.8")))
                .validate(dir);
        assertThat(report.podman().toString()).isEqualTo("Podman 5.8 (given with --podman-version)");
        assertThat(report.problems()).isEmpty();
        assertThat(host.dryRuns).hasValue(0);
        assertThat(report.notes()).contains("skipped the quadlet dry run: this host has Podman 5.4.2, not the 5.8 asked for");
    }

    @Test
    void withoutPodmanTheNewestReleaseBerthKnowsIsAssumedAndSaidSo() {
        new TestRepo(dir).file("web.container", "[Container]\nImage=x\n");
        ValidationReport report = new RepositoryValidator(ValidationLimits.DEFAULTS, QuadletGenerator.NONE).validate(dir);
        assertThat(report.podman().toString()).startsWith("Podman 5.8 (the newest Berth knows; no Podman on this host");
    }

    @Test
    void theInstalledGeneratorIsAskedForItsVersion() throws IOException {
        Path quadlet = dir.resolve("quadlet");
        Files.writeString(quadlet, "#!/bin/sh\n[ \"$1\" = -version ] && echo 5.8.6\n");
        Files.setPosixFilePermissions(quadlet, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(new PodmanQuadletGenerator(List.of(quadlet)).version()).contains(new PodmanVersion(5, 8, "5.8.6"));
        assertThat(new PodmanQuadletGenerator(List.of(dir.resolve("none"))).version()).isEmpty();
    }
}

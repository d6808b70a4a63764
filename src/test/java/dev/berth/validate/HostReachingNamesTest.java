package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.repo.Problem;
import dev.berth.repo.TestRepo;
import dev.berth.repo.ValidationLimits;
import dev.berth.unit.UnitName;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names that would act as options or reach the host's units are errors, so such a commit is never applied. */
class HostReachingNamesTest {
    @TempDir
    Path dir;

    private List<String> errors() {
        return new RepositoryValidator(ValidationLimits.DEFAULTS, QuadletGenerator.NONE).validate(dir).problems().stream()
                .filter(Problem::isError).map(Problem::toString).toList();
    }

    @Test
    void aUnitNameStartingWithADashIsAnError() {
        new TestRepo(dir).file("-Hevil.service", "[Service]\nExecStart=/bin/true\n").file("-x.container", "[Container]\nImage=x\n");
        assertThat(errors()).containsExactly(
                "-Hevil.service:0: error: '-Hevil.service' starts with '-', which systemctl and other tools read as an option: rename it",
                "-x.container:0: error: '-x.container' starts with '-', which systemctl and other tools read as an option: rename it");
    }

    @Test
    void aServiceNameMustMakeAValidUnitName() {
        new TestRepo(dir).file("a.container", "[Container]\nImage=x\nServiceName=-Hevil\n")
                .file("b.container", "[Container]\nImage=x\nServiceName=../../etc/x\n")
                .file("c.container", "[Container]\nImage=x\nServiceName=fine-name\n");
        assertThat(errors()).hasSize(2);
        assertThat(errors().get(0)).startsWith("a.container:3: error: ServiceName=-Hevil: the service would be named '-Hevil.service' starts with '-'");
        assertThat(errors().get(1)).startsWith("b.container:3: error: ServiceName=../../etc/x: the service would be named '../../etc/x.service' is not a valid systemd unit name");
    }

    @Test
    void aPlainUnitNamedLikeADashPrefixMayNotHaveDropIns() {
        new TestRepo(dir).file("systemd-.service", "[Service]\nExecStart=/bin/true\n")
                .file("systemd-.service.d/evil.conf", "[Service]\nExecStartPre=/bin/touch /tmp/owned\n");
        assertThat(errors()).singleElement().asString().startsWith("systemd-.service:0: error: its drop-ins would be installed in"
                + " systemd-.service.d/, which systemd applies to every unit whose name starts with 'systemd-'");
    }

    @Test
    void aPlainUnitNamedLikeADashPrefixWithoutDropInsAndOrdinaryDropInsAreFine() {
        new TestRepo(dir).file("systemd-.service", "[Service]\nExecStart=/bin/true\n")
                .file("web-app.service", "[Service]\nExecStart=/bin/true\n").file("web-app.service.d/x.conf", "[Service]\nNice=1\n");
        assertThat(errors()).isEmpty();
    }

    @Test
    void systemdsUnitNameRules() {
        assertThat(UnitName.problemWith("web.service")).isEmpty();
        assertThat(UnitName.problemWith("getty@tty1.service")).isEmpty();
        assertThat(UnitName.problemWith("a:b\\x2d_c.service")).isEmpty();
        assertThat(UnitName.problemWith("@x.service")).isPresent();
        assertThat(UnitName.problemWith("a/b.service")).isPresent();
        assertThat(UnitName.problemWith("x".repeat(248) + ".service")).isPresent();
        assertThat(UnitName.problemWith("x".repeat(247) + ".service")).isEmpty();
        assertThat(UnitName.problemWith("-.service")).isPresent();
    }
}

package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.repo.Problem;
import dev.berth.repo.TestRepo;
import dev.berth.repo.ValidationLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryValidatorTest {

    @TempDir
    Path dir;

    private TestRepo repo() {
        return new TestRepo(dir);
    }

    private ValidationReport validate() {
        return new RepositoryValidator(ValidationLimits.DEFAULTS, QuadletGenerator.NONE).validate(dir);
    }

    private List<String> lines() {
        return validate().problems().stream().map(Problem::toString).toList();
    }

    @Test
    void cleanRepositoryHasNoProblems() {
        repo().file("web.container", "[Container]\nImage=nginx\n");
        ValidationReport report = validate();
        assertThat(report.problems()).isEmpty();
        assertThat(report.summary()).isEqualTo("0 errors, 0 warnings in 1 unit");
    }

    @Test
    void duplicateFileNamesInDifferentFoldersNameBothFiles() {
        repo().file("a/web.container", "[Container]\nImage=nginx\n").file("b/web.container", "[Container]\nImage=nginx\n");
        assertThat(lines()).singleElement().asString()
                .startsWith("b/web.container:0: error: has the same file name as a/web.container");
    }

    @Test
    void duplicateSystemdNamesNameBothFiles() {
        repo().file("web.container", "[Container]\nImage=nginx\n").file("sys/web.service", "[Service]\nExecStart=/bin/true\n");
        assertThat(lines()).singleElement().asString()
                .startsWith("web.container:0: error: becomes web.service, as sys/web.service does");
    }

    @Test
    void referenceToAMissingUnitIsAnErrorAtItsLine() {
        repo().file("web.container", "[Unit]\nRequires=gone.container network-online.target\n"
                + "[Container]\nImage=nginx\nNetwork=nope.network\nPod=p.pod\n");
        assertThat(lines()).containsExactly(
                "web.container:2: error: Requires=gone.container network-online.target names gone.container, which is not in the repository: add gone.container or fix the name",
                "web.container:5: error: Network=nope.network names nope.network, which is not in the repository: add nope.network or fix the name",
                "web.container:6: error: Pod=p.pod names p.pod, which is not in the repository: add p.pod or fix the name");
    }

    @Test
    void referenceToABrokenUnitIsNotReportedTwice() {
        repo().file("net.network", "[Network\n").file("web.container", "[Container]\nImage=nginx\nNetwork=net.network\n");
        assertThat(lines()).singleElement().asString().startsWith("net.network:1: error:");
    }

    @Test
    void dependencyCycleIsNamed() {
        repo().file("a.container", "[Container]\nImage=x\n[Unit]\nRequires=b.service\n")
                .file("b.container", "[Container]\nImage=x\n[Unit]\nAfter=c.container\n")
                .file("c.container", "[Unit]\nWants=a.service\n[Container]\nImage=x\n");
        assertThat(lines()).containsExactly(
                "a.container:4: error: dependency cycle: a.container -> b.container -> c.container -> a.container:"
                        + " no unit in it can start first; remove one of these references");
    }

    @Test
    void missingMainSectionIsAnError() {
        repo().file("web.container", "[Unit]\nDescription=web\n[Service]\nRestart=always\n");
        assertThat(lines()).singleElement().asString()
                .isEqualTo("web.container:0: error: has no [Container] section: a .container unit needs one (check the spelling of the section header)");
    }

    @Test
    void buildWithoutImageTagAndContainerOrImageWithoutImageAreErrors() {
        repo().file("app.build", "[Build]\nFile=Containerfile\nSetWorkingDirectory=unit\n").file("Containerfile", "FROM scratch\n")
                .file("web.container", "# web\n[Container]\nExec=true\n")
                .file("base.image", "[Image]\n");
        assertThat(lines()).containsExactly(
                "app.build:1: error: [Build] has no ImageTag=: name the image to build, e.g. ImageTag=localhost/app",
                "base.image:1: error: [Image] has no Image=: name the image to pull",
                "web.container:2: error: [Container] has no Image=: name the image to run (or a repository .image or .build unit)");
    }

    @Test
    void imageSetInADropInSatisfiesTheRequirement() {
        repo().file("web.container", "[Container]\nExec=true\n").file("web.container.d/image.conf", "[Container]\nImage=nginx\n");
        assertThat(lines()).isEmpty();
    }

    @Test
    void relativeServiceEnvironmentFileIsAnError() {
        repo().file("web.container", "[Container]\nImage=x\n[Service]\nEnvironmentFile=-app.env\n");
        assertThat(lines()).singleElement().asString().startsWith("web.container:4: error: [Service] EnvironmentFile=-app.env is relative");
    }

    @Test
    void typeWideDropInsAreWarnedAbout() {
        repo().file("web.container", "[Container]\nImage=x\n").file("container.d/log.conf", "[Container]\nLogDriver=journald\n");
        assertThat(lines()).singleElement().asString().startsWith("container.d:0: warning: type-wide drop-ins also change every other .container quadlet");
    }

    @Test
    void unknownQuadletKeysAreErrorsForAPodmanBerthKnowsAndWarningsForANewerOne() {
        repo().file("web.container", "[Container]\nImage=x\nImgae=y\n");
        var scan = dev.berth.repo.RepositoryReader.read(dir);
        assertThat(new UnknownKeyRule(target("5.8")).check(scan)).extracting(Problem::toString)
                .containsExactly("web.container:3: error: 'Imgae' is not a setting quadlet of Podman 5.8 knows in [Container], so"
                        + " quadlet refuses the unit: check the spelling (see podman-systemd.unit(5))");
        assertThat(new UnknownKeyRule(target("6.0")).check(scan)).extracting(Problem::toString)
                .containsExactly("web.container:3: warning: 'Imgae' is not a setting quadlet of Podman 5.8 knows in [Container]:"
                        + " check the spelling; Podman 6.0 is newer than what Berth knows, so it may be a new setting");
    }

    private static PodmanTarget target(String version) {
        return new PodmanTarget(dev.berth.build.PodmanVersion.parse(version), PodmanTarget.Source.GIVEN);
    }

    @Test
    void quadletDryRunErrorsBecomeProblemsForTheirUnit() {
        repo().file("web/web.container", "[Container]\nImage=x\n");
        QuadletGenerator fake = d -> Optional.of(new QuadletGenerator.DryRun("quadlet -dryrun", 1, List.of(
                "quadlet-generator[42]: converting \"web.container\": unsupported key 'Foo' in group 'Container'")));
        ValidationReport report = new RepositoryValidator(ValidationLimits.DEFAULTS, fake).validate(dir);
        assertThat(report.problems()).extracting(Problem::toString).containsExactly(
                "web/web.container:0: error: quadlet: converting \"web.container\": unsupported key 'Foo' in group 'Container'");
        assertThat(report.notes()).anyMatch(n -> n.contains("quadlet -dryrun"));
    }

    @Test
    void quadletsProgressLinesAreNotProblems() {
        // stderr of podman 5.4's quadlet -dryrun on the test host: one progress line per unit, then the error
        repo().file("web/web.container", "[Container]\nImage=x\n").file("k.kube", "[Kube]\n");
        QuadletGenerator real = d -> Optional.of(new QuadletGenerator.DryRun("quadlet -dryrun", 1, List.of(
                "quadlet-generator[1273]: Loading source unit file " + d.toAbsolutePath() + "/k.kube",
                "quadlet-generator[1273]: Loading source unit file " + d.toAbsolutePath() + "/web/web.container",
                "quadlet-generator[1273]: converting \"k.kube\": no Yaml key specified")));
        ValidationReport report = new RepositoryValidator(ValidationLimits.DEFAULTS, real).validate(dir);
        assertThat(report.problems()).extracting(Problem::toString)
                .filteredOn(p -> p.contains("quadlet:"))
                .containsExactly("k.kube:0: error: quadlet: converting \"k.kube\": no Yaml key specified");
    }

    @Test
    void absentGeneratorIsSkippedWithANote() {
        repo().file("web.container", "[Container]\nImage=x\n");
        ValidationReport report = new RepositoryValidator(ValidationLimits.DEFAULTS,
                new PodmanQuadletGenerator(List.of(dir.resolve("no-such-quadlet")))).validate(dir);
        assertThat(report.problems()).isEmpty();
        assertThat(report.notes()).anyMatch(n -> n.contains("skipped the quadlet dry run"));
    }

    @Test
    void problemsAreSortedByFileAndLine() {
        repo().file("b.container", "[Container]\nNetwork=x.network\n").file("a.container", "[Container]\nImage=x\nPod=p.pod\n");
        assertThat(validate().problems()).extracting(Problem::file, Problem::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a.container", 3),
                org.assertj.core.groups.Tuple.tuple("b.container", 1),
                org.assertj.core.groups.Tuple.tuple("b.container", 2));
    }
}

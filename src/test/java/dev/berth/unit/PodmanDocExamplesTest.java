package dev.berth.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The example units printed in Podman's quadlet man pages, re-typed under units/podman-docs. */
class PodmanDocExamplesTest {

    private static final String AS_DOCUMENTED = ".as-documented";

    private static Path root() {
        try {
            return Path.of(PodmanDocExamplesTest.class.getResource("/units/podman-docs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
    }

    private static UnitFile parse(String relative) throws IOException, UnitSyntaxException {
        return UnitParser.parse(relative, Files.readString(root().resolve(relative), StandardCharsets.UTF_8));
    }

    /** The kind whose keys apply: from the file name, or for a drop-in from its folder's name. */
    private static Optional<UnitKind> kindOf(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".conf")) {
            String folder = file.getParent().getFileName().toString();
            return folder.endsWith(".d") ? UnitKind.ofFileName(folder.substring(0, folder.length() - 2))
                    : Optional.empty();
        }
        return UnitKind.ofFileName(name);
    }

    @Test
    void thereAreExamplesForEveryDocumentedPage() throws IOException {
        List<Path> files = exampleFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);
        for (String kind : List.of("container", "kube", "volume", "network", "pod", "image", "build")) {
            assertThat(files).as(kind).anyMatch(p -> p.toString().endsWith("." + kind));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleParsesAndUsesOnlyKnownKeys() throws IOException {
        return exampleFiles().stream()
                .filter(p -> !p.toString().endsWith(AS_DOCUMENTED))
                .map(file -> DynamicTest.dynamicTest(root().relativize(file).toString(), () -> {
                    UnitFile unit = UnitParser.parse(file.toString(), Files.readString(file));
                    assertThat(unit.sections()).isNotEmpty();
                    Optional<UnitKind> kind = kindOf(file);
                    for (Section s : unit.sections()) {
                        for (Entry e : s.entries()) {
                            kind.ifPresent(k -> assertThat(QuadletKeys.isKnown(k, s.name(), e.key()))
                                    .as("%s [%s] %s=", file.getFileName(), s.name(), e.key()).isTrue());
                        }
                    }
                    String printed = UnitPrinter.print(unit);
                    assertThat(UnitPrinter.print(UnitParser.parse("again", printed))).isEqualTo(printed);
                }));
    }

    @Test
    void podPageExampleAsPrintedHasALineWithoutEquals() {
        assertThatThrownBy(() -> parse("podman-pod.unit/test.pod" + AS_DOCUMENTED))
                .isInstanceOfSatisfying(UnitSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.problem()).contains("missing '='").contains("centos.container");
                });
    }

    @Test
    void minimalContainer() throws Exception {
        UnitFile u = parse("podman-systemd.unit/test.container");
        assertThat(u.sections()).extracting(Section::name).containsExactly("Unit", "Container", "Service", "Install");
        assertThat(u.value("Container", "Image")).contains("quay.io/centos/centos:latest");
        assertThat(u.value("Container", "Volume")).contains("test.volume:/data");
        assertThat(u.value("Container", "Network")).contains("test.network");
        assertThat(u.value("Container", "Exec")).contains("sleep 60");
        assertThat(u.value("Service", "TimeoutStartSec")).contains("900");
        assertThat(u.value("Service", "ExecStartPre")).contains("/usr/share/mincontainer/setup.sh");
        assertThat(u.value("Install", "WantedBy")).contains("multi-user.target default.target");
        assertThat(u.lastEntry("Container", "Exec")).get().extracting(Entry::line).isEqualTo(13);
    }

    @Test
    void kube() throws Exception {
        UnitFile u = parse("podman-systemd.unit/test.kube");
        assertThat(u.value("Kube", "Yaml")).contains("/opt/k8s/deployment.yml");
        assertThat(u.value("Unit", "Before")).contains("local-fs.target");
        assertThat(parse("podman-kube.unit/deployment.kube").value("Kube", "Yaml")).contains("/opt/k8s/deployment.yml");
    }

    @Test
    void buildAndTheContainerThatUsesIt() throws Exception {
        UnitFile build = parse("podman-systemd.unit/build/test.build");
        assertThat(build.value("Build", "ImageTag")).contains("localhost/imagename");
        assertThat(build.value("Build", "SetWorkingDirectory")).contains("unit");
        assertThat(parse("podman-systemd.unit/build/test.container").value("Container", "Image")).contains("test.build");
        assertThat(parse("podman-build.unit/mygitimage.build").value("Build", "SetWorkingDirectory"))
                .contains("https://github.com/example/repo.git");
        assertThat(parse("podman-build.unit/secureimage.build").value("Build", "Secret")).contains("mysecret");
        assertThat(parse("podman-build.unit/myapp.build").value("Build", "File")).contains("Containerfile");
    }

    @Test
    void volumeLabelsKeepTheirEquals() throws Exception {
        UnitFile u = parse("podman-systemd.unit/test.volume");
        assertThat(u.value("Volume", "Label")).contains("org.test.Key=value");
        assertThat(u.value("Volume", "User")).contains("root");
        assertThat(parse("podman-volume.unit/mydata.volume").value("Volume", "Label")).contains("app=data");
        UnitFile html = parse("podman-volume.unit/html.volume");
        assertThat(html.value("Volume", "Driver")).contains("image");
        assertThat(html.value("Volume", "Copy")).contains("true");
    }

    @Test
    void s3fsVolumeKeepsEnvironmentReferencesLiteral() throws Exception {
        UnitFile u = parse("podman-systemd.unit/s3fs.volume");
        assertThat(u.value("Volume", "Device")).contains("${S3_BUCKET}:/${PATH}");
        assertThat(u.value("Volume", "Options"))
                .contains("iam_role,endpoint=${AWS_REGION},use_xattr,listobjectsv2,del_cache,use_cache=${CACHE_DIRECTORY}");
        assertThat(u.value("Service", "CacheDirectory")).contains("s3fs");
        assertThat(u.entries("Volume")).hasSize(4);
    }

    @Test
    void networks() throws Exception {
        UnitFile u = parse("podman-systemd.unit/test.network");
        assertThat(u.value("Network", "Subnet")).contains("172.16.0.0/24");
        assertThat(u.value("Network", "IPRange")).contains("172.16.0.0/28");
        UnitFile v6 = parse("podman-network.unit/v6net.network");
        assertThat(v6.value("Network", "Subnet")).contains("fd00:dead:beef::/64");
        assertThat(v6.value("Network", "IPAMDriver")).contains("host-local");
        assertThat(parse("podman-network.unit/private0.network").value("Network", "Gateway")).contains("10.10.0.1");
    }

    @Test
    void podsAndTheirContainers() throws Exception {
        assertThat(parse("podman-systemd.unit/pod/test.pod").value("Pod", "PodName")).contains("test");
        UnitFile centos = parse("podman-systemd.unit/pod/centos.container");
        assertThat(centos.value("Container", "Exec")).contains("sh -c \"sleep inf\"");
        assertThat(centos.value("Container", "Pod")).contains("test.pod");
        assertThat(parse("podman-systemd.unit/pod-startup-task/test.pod").value("Pod", "ExitPolicy")).contains("continue");
        UnitFile task = parse("podman-systemd.unit/pod-startup-task/startup-task.container");
        assertThat(task.value("Service", "Type")).contains("oneshot");
        assertThat(task.value("Container", "Exec"))
                .contains("sh -c \"echo 'setup starting'; sleep 2; echo 'setup complete'\"");
        UnitFile app = parse("podman-systemd.unit/pod-startup-task/app.container");
        assertThat(app.values("Unit", "Requires")).containsExactly("startup-task.container");
        assertThat(parse("podman-pod.unit/test.pod").value("Pod", "PodName")).contains("test");
    }

    @Test
    void images() throws Exception {
        assertThat(parse("podman-image.unit/basic.image").value("Image", "Image")).contains("quay.io/centos/centos:latest");
        UnitFile archive = parse("podman-image.unit/archive.image");
        assertThat(archive.value("Image", "Image")).contains("docker-archive:/tmp/centos.tar");
        assertThat(archive.value("Image", "ImageTag")).contains("quay.io/centos/centos:latest");
        assertThat(parse("podman-image.unit/credentials.image").value("Image", "Creds")).contains("myuser:mypassword");
    }

    @Test
    void templateWithInstanceDropIn() throws Exception {
        UnitFile template = parse("podman-systemd.unit/template/sleep@.container");
        assertThat(template.value("Container", "Exec")).contains("sleep %i");
        assertThat(template.value("Install", "DefaultInstance")).contains("100");
        UnitFile dropIn = parse("podman-systemd.unit/template/sleep@10.container.d/10-image.conf");
        UnitFile merged = template.withDropIns(List.of(dropIn));
        assertThat(merged.value("Container", "Image")).contains("quay.io/centos/centos");
        assertThat(merged.lastEntry("Container", "Image")).get().extracting(Entry::file)
                .isEqualTo("podman-systemd.unit/template/sleep@10.container.d/10-image.conf");
        UnitName instance = UnitName.parse("sleep@10.container").orElseThrow();
        assertThat(DropIns.directoriesFor(instance)).contains("sleep@10.container.d", "sleep@.container.d");
        assertThat(instance.defaultSystemdName()).isEqualTo("sleep@10.service");
    }

    @Test
    void dependencyBetweenQuadlets() throws Exception {
        UnitFile u = parse("podman-systemd.unit/dependency/fedora.container");
        assertThat(u.values("Unit", "After")).containsExactly("basic.container");
        assertThat(u.values("Unit", "Requires")).containsExactly("basic.container");
    }

    @Test
    void snippets() throws Exception {
        assertThat(parse("podman-systemd.unit/snippets/timeout.conf").value("Service", "TimeoutStartSec")).contains("900");
        assertThat(parse("podman-systemd.unit/snippets/install.conf").value("Install", "WantedBy")).contains("default.target");
        assertThat(parse("podman-container.unit/no-default-dependencies.conf").value("Quadlet", "DefaultDependencies"))
                .contains("false");
        assertThat(parse("podman-container.unit/oneshot.conf").value("Service", "RemainAfterExit")).contains("yes");
        assertThat(parse("podman-container.unit/minimal.container").value("Container", "Exec")).contains("sleep 60");
    }
}

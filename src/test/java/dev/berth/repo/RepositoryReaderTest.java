package dev.berth.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryReaderTest {

    @TempDir
    Path dir;

    private TestRepo repo() {
        return new TestRepo(dir);
    }

    @Test
    void readsUnitsFromSubfoldersWithNamesAndInstallTargets() {
        RepositoryScan scan = repo()
                .file("web/web.container", "[Container]\nImage=nginx\n")
                .file("db.volume", "[Volume]\n")
                .file("backup.timer", "[Timer]\nOnCalendar=daily\n")
                .file("backup.service", "[Service]\nExecStart=/bin/true\n")
                .file("README.md", "not a unit")
                .file(".git/config", "[core]\n")
                .read();

        assertThat(scan.problems()).isEmpty();
        assertThat(scan.desired().units()).containsOnlyKeys("web.container", "db.volume", "backup.timer", "backup.service");
        assertThat(scan.desired().units().get("db.volume").systemdName()).isEqualTo("db-volume.service");
        assertThat(scan.desired().units().get("web.container").path()).isEqualTo("web/web.container");
        assertThat(scan.desired().files()).containsOnlyKeys(
                "quadlet/web/web.container", "quadlet/db.volume", "unit/backup.timer", "unit/backup.service");
        InstalledFile web = scan.desired().files().get("quadlet/web/web.container");
        assertThat(web.source()).isEqualTo("web/web.container");
        assertThat(web.digest()).isEqualTo(Sha256.of("[Container]\nImage=nginx\n"));
    }

    @Test
    void serviceNameOverridesTheGeneratedName() {
        RepositoryScan scan = repo().file("db.volume", "[Volume]\nServiceName=storage\n").read();
        assertThat(scan.desired().units().get("db.volume").systemdName()).isEqualTo("storage.service");
    }

    @Test
    void changingAnEnvironmentFileChangesTheDigestOfExactlyTheUnitsUsingIt() throws Exception {
        TestRepo r = repo()
                .file("app/app.env", "A=1\n")
                .file("app/web.container", "[Container]\nImage=nginx\nEnvironmentFile=app.env\n")
                .file("app/worker.container", "[Container]\nImage=nginx\nEnvironmentFile=./app.env\n")
                .file("other.container", "[Container]\nImage=nginx\n");
        RepositoryScan before = r.read();
        r.file("app/app.env", "A=2\n");
        RepositoryScan after = r.read();

        assertThat(before.problems()).isEmpty();
        assertThat(before.desired().units().get("web.container").supportingFiles()).containsExactly("app/app.env");
        assertThat(after.desired().units().get("web.container").inputDigest())
                .isNotEqualTo(before.desired().units().get("web.container").inputDigest());
        assertThat(after.desired().units().get("worker.container").inputDigest())
                .isNotEqualTo(before.desired().units().get("worker.container").inputDigest());
        assertThat(after.desired().units().get("other.container").inputDigest())
                .isEqualTo(before.desired().units().get("other.container").inputDigest());
        assertThat(after.desired().files()).containsKey("quadlet/app/app.env");
    }

    @Test
    void bindMountedFoldersBuildContextsAndKubeYamlAreSupportingFiles() {
        RepositoryScan scan = repo()
                .file("web/web.container", "[Container]\nImage=nginx\nVolume=./html:/usr/share/nginx/html:ro\n"
                        + "Volume=/srv/data:/data\nVolume=db.volume:/db\n"
                        + "Mount=type=bind,source=./conf/nginx.conf,destination=/etc/nginx/nginx.conf\n")
                .file("web/html/index.html", "hi")
                .file("web/html/img/logo.svg", "<svg/>")
                .file("web/conf/nginx.conf", "events {}")
                .file("db.volume", "[Volume]\n")
                .file("img/app.build", "[Build]\nImageTag=localhost/app\nSetWorkingDirectory=ctx\nFile=Containerfile\n")
                .file("img/ctx/Containerfile", "FROM scratch\n")
                .file("img/ctx/main.sh", "echo\n")
                .file("k/app.kube", "[Kube]\nYaml=app.yaml\nConfigMap=cm.yaml\n")
                .file("k/app.yaml", "kind: Pod\n")
                .file("k/cm.yaml", "kind: ConfigMap\n")
                .read();

        assertThat(scan.problems()).isEmpty();
        var units = scan.desired().units();
        assertThat(units.get("web.container").supportingFiles())
                .containsExactly("web/conf/nginx.conf", "web/html/img/logo.svg", "web/html/index.html");
        assertThat(units.get("web.container").dependsOn()).containsExactly("db.volume");
        assertThat(units.get("app.build").supportingFiles()).containsExactly("img/ctx/Containerfile", "img/ctx/main.sh");
        assertThat(units.get("app.kube").supportingFiles()).containsExactly("k/app.yaml", "k/cm.yaml");
    }

    @Test
    void buildContextOfTheUnitsOwnFolder() {
        RepositoryScan scan = repo()
                .file("img/app.build", "[Build]\nImageTag=localhost/app\nSetWorkingDirectory=unit\n")
                .file("img/Containerfile", "FROM scratch\n")
                .read();
        assertThat(scan.problems()).isEmpty();
        assertThat(scan.desired().units().get("app.build").supportingFiles()).containsExactly("img/Containerfile");
    }

    @Test
    void missingSupportingFileIsAnErrorAtTheUnitsLine() {
        RepositoryScan scan = repo().file("web/web.container", "[Container]\nImage=nginx\nEnvironmentFile=missing.env\n").read();
        assertThat(scan.problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.file()).isEqualTo("web/web.container");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("web/missing.env does not exist");
        });
    }

    @Test
    void relativePathLeavingTheRepositoryIsAnErrorButAbsoluteHostPathsAreFine() {
        RepositoryScan scan = repo().file("web.container",
                "[Container]\nImage=nginx\nVolume=/etc/ssl:/ssl\nVolume=../../etc:/x\n").read();
        assertThat(scan.problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.file()).isEqualTo("web.container");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("outside the repository");
        });
    }

    @Test
    void symlinkPointingOutsideTheRepositoryIsAnError(@TempDir Path outside) throws Exception {
        java.nio.file.Files.writeString(outside.resolve("evil.container"), "[Container]\nImage=x\n");
        java.nio.file.Files.writeString(outside.resolve("secret.env"), "A=1\n");
        RepositoryScan scan = repo()
                .symlink("evil.container", outside.resolve("evil.container").toString())
                .symlink("app.env", outside.resolve("secret.env").toString())
                .file("web.container", "[Container]\nImage=nginx\nEnvironmentFile=app.env\n")
                .read();
        assertThat(scan.problems()).extracting(Problem::file, Problem::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("evil.container", 0),
                        org.assertj.core.groups.Tuple.tuple("web.container", 3));
        assertThat(scan.problems()).allSatisfy(p -> assertThat(p.message()).contains("outside the repository"));
        assertThat(scan.desired().units()).containsOnlyKeys("web.container");
    }

    @Test
    void instanceSymlinksInsideTheRepositoryAreUnits() {
        RepositoryScan scan = repo()
                .file("sleep@.container", "[Container]\nImage=busybox\nExec=sleep %i\n")
                .symlink("sleep@10.container", "sleep@.container")
                .file("sleep@10.container.d/image.conf", "[Container]\nImage=alpine\n")
                .read();
        assertThat(scan.problems()).isEmpty();
        RepoUnit instance = scan.desired().units().get("sleep@10.container");
        assertThat(instance.systemdName()).isEqualTo("sleep@10.service");
        assertThat(instance.unit().value("Container", "Image")).contains("alpine");
        assertThat(instance.options().autoStart()).isTrue();
        assertThat(scan.desired().units().get("sleep@.container").options().autoStart()).isFalse();
    }

    @Test
    void dropInsApplyInFileNameOrderAndMoreSpecificFoldersHideLessSpecificOnes() {
        RepositoryScan scan = repo()
                .file("apps/foo-bar.container", "[Container]\nImage=base\n")
                .file("container.d/10-log.conf", "[Container]\nLabel=root-type-wide\n")
                .file("container.d/50-common.conf", "[Container]\nLabel=common\n")
                .file("apps/container.d/50-common.conf", "[Container]\nLabel=folder-type-wide\n")
                .file("apps/foo-.container.d/20-prefix.conf", "[Container]\nLabel=prefix\n")
                .file("apps/foo-bar.container.d/50-common.conf", "[Container]\nLabel=specific\n")
                .file("apps/foo-bar.container.d/99-image.conf", "[Container]\nImage=override\n")
                .file("apps/foo-bar.container.d/notes.txt", "ignored")
                .read();

        RepoUnit unit = scan.desired().units().get("foo-bar.container");
        assertThat(unit.dropIns()).containsExactly(
                "container.d/10-log.conf",
                "apps/foo-.container.d/20-prefix.conf",
                "apps/foo-bar.container.d/50-common.conf",
                "apps/foo-bar.container.d/99-image.conf");
        assertThat(unit.unit().values("Container", "Label")).containsExactly("root-type-wide", "prefix", "specific");
        assertThat(unit.unit().value("Container", "Image")).contains("override");
        assertThat(scan.desired().files()).containsKeys("quadlet/container.d/10-log.conf", "quadlet/apps/foo-bar.container.d/99-image.conf");
    }

    @Test
    void plainUnitDropInsAreInstalledFlatNextToTheUnit() {
        RepositoryScan scan = repo()
                .file("sys/backup.service", "[Service]\nExecStart=/bin/true\n")
                .file("sys/backup.service.d/limits.conf", "[Service]\nMemoryMax=1G\n")
                .read();
        assertThat(scan.desired().files()).containsOnlyKeys("unit/backup.service", "unit/backup.service.d/limits.conf");
    }

    @Test
    void unusedDropInFolderIsAWarning() {
        RepositoryScan scan = repo()
                .file("a/web.container", "[Container]\nImage=nginx\n")
                .file("b/web.container.d/x.conf", "[Container]\nLabel=x\n")
                .read();
        assertThat(scan.problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.file()).isEqualTo("b/web.container.d");
        });
    }

    @Test
    void dependenciesFromQuadletKeysUnitSectionAndTriggers() {
        RepositoryScan scan = repo()
                .file("net.network", "[Network]\n")
                .file("data.volume", "[Volume]\n")
                .file("app.build", "[Build]\nImageTag=localhost/app\nFile=Containerfile\n")
                .file("Containerfile", "FROM scratch\n")
                .file("db.container", "[Container]\nImage=postgres\nNetwork=net.network\n")
                .file("web.container", "[Unit]\nRequires=db.service network-online.target\nAfter=db.service\n"
                        + "[Container]\nImage=app.build\nNetwork=net.network:ip=10.0.0.2\nMount=type=volume,source=data.volume,destination=/d\n")
                .file("nightly.timer", "[Timer]\nOnCalendar=daily\n")
                .file("nightly.container", "[Container]\nImage=busybox\n")
                .read();
        assertThat(scan.problems()).isEmpty();
        var units = scan.desired().units();
        assertThat(units.get("web.container").dependsOn()).containsExactly("app.build", "data.volume", "db.container", "net.network");
        assertThat(units.get("nightly.timer").dependsOn()).containsExactly("nightly.container");
        assertThat(units.get("nightly.container").options().autoStart()).isFalse();
        assertThat(units.get("db.container").options().autoStart()).isTrue();
    }

    @Test
    void berthOptions() {
        RepositoryScan scan = repo()
                .file("a.container", "[Container]\nImage=x\n[X-Berth]\nAutoStart=no\nSelf=yes\nHealthTimeout=2min 30s\n")
                .file("b.container", "[Container]\nImage=x\n[X-Berth]\nHealthTimeout=soon\nSelf=maybe\nColour=blue\n")
                .read();
        UnitOptions a = scan.desired().units().get("a.container").options();
        assertThat(a).isEqualTo(new UnitOptions(false, true, Duration.ofSeconds(150)));
        assertThat(scan.problems()).extracting(Problem::toString).containsExactly(
                "b.container:4: error: HealthTimeout='soon' is not a time span: write e.g. 30s, 2min or 1h 30min",
                "b.container:5: error: Self='maybe' is not a boolean: write true or false",
                "b.container:6: warning: unknown setting 'Colour' in [X-Berth]: Berth knows AutoStart, Groups, HealthTimeout, Hosts, Labels, MCP, MCPAllowTools, MCPDenyTools, MCPMaxConcurrentCalls, MCPName, MCPTimeout, Self");
    }

    @Test
    void syntaxErrorsBecomeProblems() {
        RepositoryScan scan = repo().file("web.container", "[Container]\nImage=nginx\nthis is not a setting\n").read();
        assertThat(scan.problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.file()).isEqualTo("web.container");
            assertThat(p.line()).isEqualTo(3);
        });
        assertThat(scan.unitPaths()).containsExactly("web.container");
        assertThat(scan.desired().units()).isEmpty();
    }

    @Test
    void binaryUnitIsAnErrorAtTheLineOfTheNulByte() {
        RepositoryScan scan = repo().bytes("web.container", "[Container]\nImage=x\u0000\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).read();
        assertThat(scan.problems()).extracting(Problem::toString)
                .singleElement().asString().startsWith("web.container:2: error: contains a NUL byte");
    }

    @Test
    void invalidUtf8IsAnErrorAtItsLine() {
        RepositoryScan scan = repo().bytes("web.container", new byte[] {'[', 'C', ']', '\n', 'A', '=', (byte) 0xC3, '\n'}).read();
        assertThat(scan.problems()).extracting(Problem::toString)
                .singleElement().asString().startsWith("web.container:2: error: is not valid UTF-8");
    }

    @Test
    void oversizedFilesAreErrors() {
        RepositoryScan scan = RepositoryReader.read(repo()
                .file("web.container", "[Container]\nImage=nginx\nEnvironmentFile=big.env\n" + "#".repeat(100) + "\n")
                .file("small.container", "[Container]\nImage=nginx\nEnvironmentFile=big.env\n")
                .file("big.env", "A=" + "x".repeat(300) + "\n")
                .root(), new ValidationLimits(100, 200));
        assertThat(scan.problems()).extracting(Problem::file, Problem::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("big.env", 0),
                org.assertj.core.groups.Tuple.tuple("web.container", 0));
        assertThat(scan.problems()).allSatisfy(p -> assertThat(p.message()).contains("more than the limit"));
    }

    @Test
    void invalidUnitNamesAreWarnedAboutAndSkipped() {
        RepositoryScan scan = repo().file("my web.container", "[Container]\nImage=x\n").read();
        assertThat(scan.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("not a valid unit name"));
        assertThat(scan.desired().units()).isEmpty();
    }

    @Test
    void missingRepositoryFolderIsAProblem() {
        RepositoryScan scan = RepositoryReader.read(dir.resolve("nope"));
        assertThat(scan.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("is not a folder"));
    }
}

package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.repo.DesiredState;
import dev.berth.repo.RepositoryReader;
import dev.berth.repo.TestRepo;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What counts as the host's unit: systemd's search path, host templates, and quadlet's search folders. */
class HostUnitRefusalsTest {
    private static final String SLEEPER = "[Container]\nImage=localhost/x\nExec=sleep 1000\n";

    @TempDir
    Path tmp;
    private Path usrLib;
    private Path etcQuadlets;
    private Path usrQuadlets;
    private Path berthQuadlets;
    private ReservedUnitNames names;

    @BeforeEach
    void host() throws Exception {
        usrLib = Files.createDirectories(tmp.resolve("usr/lib/systemd/system"));
        etcQuadlets = Files.createDirectories(tmp.resolve("etc/containers/systemd"));
        usrQuadlets = Files.createDirectories(tmp.resolve("usr/share/containers/systemd"));
        berthQuadlets = Files.createDirectories(etcQuadlets.resolve("berth"));
        Files.writeString(usrLib.resolve("getty@.service"), "[Service]\n");
        Files.writeString(usrLib.resolve("systemd-journald.service"), "[Service]\n");
        names = new ReservedUnitNames(List.of(usrLib),
                new HostQuadlets(List.of(etcQuadlets, usrQuadlets), 1, List.of(berthQuadlets, etcQuadlets.resolve("users"))));
    }

    private int repos;

    private DesiredState repo(Map<String, String> files) {
        TestRepo r = new TestRepo(tmp.resolve("repo" + repos++));
        files.forEach(r::file);
        return RepositoryReader.read(r.root()).desired();
    }

    @Test
    void berthsOwnUnitMayReplaceThePackagedOneButNothingElseMay() throws Exception {
        Files.copy(Path.of("src/main/package/berth.service"), usrLib.resolve("berth.service"));
        String self = "[Service]\nExecStart=/usr/bin/berth run\n[X-Berth]\nSelf=true\n";
        assertThat(names.refusals(repo(Map.of("berth.service", self)), AppliedState.empty(), Set.of())).isEmpty();
        assertThat(names.refusals(repo(Map.of("berth.service", "[Service]\nExecStart=/bin/true\n")), AppliedState.empty(), Set.of()))
                .as("not Self=true: an ordinary unit taking the package's name").singleElement().asString().contains("berth adopt berth.service");
        Files.writeString(usrLib.resolve("berth.service"), "[Service]\nExecStart=/opt/other/berth run\n");
        assertThat(names.refusals(repo(Map.of("berth.service", self)), AppliedState.empty(), Set.of()))
                .as("a berth.service the package did not install").singleElement().asString().contains("that Berth did not install");
        Files.writeString(usrLib.resolve("ssh.service"), ReservedUnitNames.PACKAGED_UNIT_MARKER + "\n[Service]\n");
        assertThat(names.refusals(repo(Map.of("ssh.service", self)), AppliedState.empty(), Set.of()))
                .as("only berth.service").singleElement().asString().contains("ssh.service");
    }

    @Test
    void anInstanceOfAHostTemplateIsRefusedUnlessTheRepositoryHasTheTemplate() {
        DesiredState desired = repo(Map.of("getty@tty1.service", "[Service]\nExecStart=/bin/true\n"));
        assertThat(names.refusals(desired, AppliedState.empty(), Set.of())).singleElement().asString()
                .contains("getty@tty1.service is an instance of the host's template getty@.service (" + usrLib.resolve("getty@.service") + ")")
                .contains("berth adopt getty@tty1.service");
        assertThat(names.refusals(desired, AppliedState.empty(), Set.of("getty@tty1.service"))).isEmpty();

        DesiredState own = repo(Map.of("web@.service", "[Service]\nExecStart=/bin/true\n", "web@blue.service", "[Service]\nExecStart=/bin/true\n"));
        assertThat(names.refusals(own, AppliedState.empty(), Set.of())).isEmpty();
    }

    @Test
    void aDeployedQuadletRenamedOntoAHostUnitWithServiceNameIsRefused() {
        DesiredState desired = repo(Map.of("side.container", SLEEPER + "ServiceName=systemd-journald\n"));
        AppliedState applied = new AppliedState("c1", Map.of("quadlet/side.container", "x"),
                Map.of("side.container", new AppliedUnit("side.container", "side.service", "d", true)));
        assertThat(names.refusals(desired, applied, Set.of())).singleElement().asString()
                .contains("side.container: the host already has a unit systemd-journald.service");

        DesiredState unchanged = repo(Map.of("side.container", SLEEPER));
        assertThat(names.refusals(unchanged, applied, Set.of())).as("Berth's own unit, same name").isEmpty();
    }

    @Test
    void aHostQuadletOfTheSameNameIsRefusedWhereverItIs() throws Exception {
        DesiredState desired = repo(Map.of("web/web.container", SLEEPER));
        Files.writeString(etcQuadlets.resolve("web.container"), SLEEPER);
        assertThat(names.refusals(desired, AppliedState.empty(), Set.of())).singleElement().asString()
                .contains("web/web.container: the host already has the quadlet " + etcQuadlets.resolve("web.container"))
                .contains("quadlet would run the host's definition");

        Files.move(etcQuadlets.resolve("web.container"), usrQuadlets.resolve("web.container"));
        assertThat(names.refusals(desired, AppliedState.empty(), Set.of())).singleElement().asString()
                .contains(usrQuadlets.resolve("web.container").toString()).contains("the repository's would replace it");

        Files.delete(usrQuadlets.resolve("web.container"));
        Files.writeString(Files.createDirectories(etcQuadlets.resolve("apps")).resolve("web.kube"), "[Kube]\nYaml=x.yaml\n");
        assertThat(names.refusals(desired, AppliedState.empty(), Set.of())).as("another kind, the same service")
                .singleElement().asString().contains("web.kube for web.service");
        assertThat(names.refusals(desired, AppliedState.empty(), Set.of("web.service"))).isEmpty();
    }

    @Test
    void berthsOwnFolderAndTheUsersFolderAreNotTheRootfulHostsQuadlets() throws Exception {
        DesiredState desired = repo(Map.of("web.container", SLEEPER));
        Files.writeString(berthQuadlets.resolve("web.container"), SLEEPER);
        Files.writeString(Files.createDirectories(etcQuadlets.resolve("users")).resolve("web.container"), SLEEPER);
        assertThat(names.refusals(desired, AppliedState.empty(), Set.of())).isEmpty();
    }

    @Test
    void aDropInFolderThatQuadletWouldApplyToAHostQuadletIsRefused() throws Exception {
        Files.writeString(etcQuadlets.resolve("web-app.container"), SLEEPER);
        DesiredState desired = repo(Map.of("web-berth.container", SLEEPER, "web-.container.d/env.conf", "[Container]\nEnvironment=X=1\n",
                "web-berth.container.d/own.conf", "[Container]\nEnvironment=Y=1\n"));
        assertThat(names.refusals(desired, AppliedState.empty(), Set.of())).singleElement().asString()
                .startsWith("web-.container.d/: ").contains("would also change the host's quadlet " + etcQuadlets.resolve("web-app.container"));

        DesiredState own = repo(Map.of("web-berth.container", SLEEPER, "web-berth.container.d/own.conf", "[Container]\nEnvironment=Y=1\n"));
        assertThat(names.refusals(own, AppliedState.empty(), Set.of())).as("a folder named after the repository's unit").isEmpty();
    }

    @Test
    void anAdoptedShadowingQuadletIsSetAsideNotLost() throws Exception {
        DesiredState desired = repo(Map.of("web.container", SLEEPER));
        Files.writeString(etcQuadlets.resolve("web.container"), "host's\n");
        Files.writeString(usrQuadlets.resolve("web.container"), "vendor's\n");
        var moved = Adoption.setAsideShadowing(names.hostQuadlets(), desired, Set.of("web.container"));
        assertThat(moved).containsExactly(new Adoption.SetAside(etcQuadlets.resolve("web.container.berth-adopted"), "web.service"));
        assertThat(etcQuadlets.resolve("web.container.berth-adopted")).hasContent("host's");
        assertThat(etcQuadlets.resolve("web.container")).doesNotExist();
        assertThat(usrQuadlets.resolve("web.container")).as("read after Berth's folder: already hidden by it").exists();
        assertThat(Adoption.setAsideShadowing(names.hostQuadlets(), desired, Set.of())).as("not adopted").isEmpty();
    }

    @Test
    void templateOfNamesTheTemplateOfAnInstanceOnly() {
        assertThat(ReservedUnitNames.templateOf("getty@tty1.service")).contains("getty@.service");
        assertThat(ReservedUnitNames.templateOf("getty@.service")).isEmpty();
        assertThat(ReservedUnitNames.templateOf("web.service")).isEmpty();
    }
}

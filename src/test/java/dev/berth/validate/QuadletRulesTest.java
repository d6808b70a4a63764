package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.build.PodmanVersion;
import dev.berth.repo.Problem;
import dev.berth.repo.TestRepo;
import dev.berth.repo.ValidationLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each check that stands for an error of quadlet's generator: the unit quadlet refuses gets an error at
 * its file and line that says what to do, and the unit fixed as the message says gets none. Checked
 * without Podman, for the release given.
 */
class QuadletRulesTest {

    @TempDir
    Path dir;

    private TestRepo repo() {
        return new TestRepo(dir);
    }

    private List<String> problems(String version) {
        return new RepositoryValidator(ValidationLimits.DEFAULTS, QuadletGenerator.NONE, Optional.of(PodmanVersion.parse(version)))
                .validate(dir).problems().stream().map(Problem::toString).toList();
    }

    private List<String> problems() {
        return problems("5.8");
    }

    @Test
    void groupWithoutUser() {
        repo().file("web.container", "[Container]\nImage=x\nGroup=100\n");
        assertThat(problems()).containsExactly("web.container:3: error: Group= without User= is refused by quadlet: set User="
                + " as well (e.g. User=1000), or remove Group=");
        repo().file("web.container", "[Container]\nImage=x\nGroup=100\nUser=100\n");
        assertThat(problems()).isEmpty();
    }

    @Test
    void imageAndRootfsTogether() {
        repo().file("web.container", "[Container]\nImage=x\nRootfs=/srv/root\n");
        assertThat(problems()).singleElement().asString().startsWith("web.container:3: error: Image= and Rootfs= are both set");
    }

    @Test
    void gatewayOrRangeWithoutSubnetOrMoreThanSubnets() {
        repo().file("a.network", "[Network]\nGateway=10.0.0.1\n").file("b.network", "[Network]\nSubnet=10.0.0.0/24\n"
                + "IPRange=10.0.0.0/28\nIPRange=10.0.0.16/28\n");
        assertThat(problems()).containsExactly(
                "a.network:2: error: Gateway= without Subnet= is refused by quadlet: a gateway or range belongs to a subnet;"
                        + " add Subnet= (e.g. Subnet=10.89.0.0/24) before it",
                "b.network:4: error: 2 IPRange= for 1 Subnet=, and quadlet refuses more: each belongs to the Subnet= in the"
                        + " same position; add a Subnet= or remove a IPRange=");
        repo().file("a.network", "[Network]\nSubnet=10.0.0.0/24\nGateway=10.0.0.1\n").file("b.network", "[Network]\n"
                + "Subnet=10.0.0.0/24\nSubnet=10.1.0.0/24\nIPRange=10.0.0.0/28\nIPRange=10.1.0.16/28\n");
        assertThat(problems()).isEmpty();
    }

    @Test
    void remapKeysWithExplicitMappings() {
        repo().file("web.container", "[Container]\nImage=x\nUserNS=auto\nRemapUsers=keep-id\n");
        assertThat(problems()).singleElement().asString().startsWith("web.container:4: error: RemapUsers= (deprecated) is set"
                + " next to UserNS=, UIDMap=, GIDMap=, SubUIDMap= or SubGIDMap=, and quadlet refuses the mix");
        repo().file("web.container", "[Container]\nImage=x\nUserNS=auto\n");
        assertThat(problems()).isEmpty();
    }

    @Test
    void remapModesQuadletRefuses() {
        repo().file("a.container", "[Container]\nImage=x\nRemapUid=0:1000:1\n")
                .file("b.pod", "[Pod]\nRemapUsers=keep-id\nRemapUid=1\nRemapUid=2\n")
                .file("c.container", "[Container]\nImage=x\nRemapUsers=nobody\n")
                .file("d.kube", "[Kube]\nYaml=/srv/d.yaml\nRemapUsers=manual\n");
        assertThat(problems()).containsExactly(
                "a.container:3: error: RemapUid= without RemapUsers= is refused by quadlet: set RemapUsers=auto (or keep-id,"
                        + " or manual), or map IDs with UIDMap=/GIDMap= instead",
                "b.pod:4: error: RemapUsers=keep-id takes one RemapUid=, not 2: keep one, or use RemapUsers=auto",
                "c.container:3: error: RemapUsers=nobody is not a mode quadlet knows: write auto, keep-id or manual",
                "d.kube:3: error: RemapUsers=manual is not supported in a .kube (podman kube play has no --uidmap): use"
                        + " RemapUsers=auto or keep-id, or UserNS=");
    }

    @Test
    void reloadCmdWithReloadSignalOnPodmanThatKnowsThem() {
        repo().file("web.container", "[Container]\nImage=x\nReloadCmd=/bin/reload\nReloadSignal=SIGHUP\n");
        assertThat(problems("5.8")).containsExactly("web.container:4: error: ReloadCmd= and ReloadSignal= are both set, and"
                + " quadlet refuses that: a reload either runs a command in the container or sends it a signal; keep one");
        // Podman 5.4 does not know either key: that is what it refuses
        assertThat(problems("5.4")).containsExactly(
                "web.container:3: error: 'ReloadCmd' is not a setting quadlet of Podman 5.4 knows in [Container] (it arrived"
                        + " in Podman 5.5), so quadlet refuses the unit: remove it, or run Podman 5.5 or newer",
                "web.container:4: error: 'ReloadSignal' is not a setting quadlet of Podman 5.4 knows in [Container] (it"
                        + " arrived in Podman 5.5), so quadlet refuses the unit: remove it, or run Podman 5.5 or newer");
    }

    @Test
    void keysOfANewerRelease() {
        repo().file("web.container", "[Container]\nImage=x\nAppArmor=unconfined\n");
        assertThat(problems("5.7")).singleElement().asString().startsWith("web.container:3: error: 'AppArmor' is not a"
                + " setting quadlet of Podman 5.7 knows in [Container] (it arrived in Podman 5.8)");
        assertThat(problems("5.8")).isEmpty();
        repo().file("web.container", "[Container]\nImage=x\n[Quadlet]\nDefaultDependency=false\n");
        assertThat(problems("5.8")).singleElement().asString().startsWith("web.container:4: error: 'DefaultDependency' is"
                + " not a setting quadlet of Podman 5.8 knows in [Quadlet]");
    }

    @Test
    void buildWithoutContainerfileOrContext() {
        repo().file("a.build", "[Build]\nImageTag=localhost/a\n")
                .file("b.build", "[Build]\nImageTag=localhost/b\nFile=/srv/Containerfile\nSetWorkingDirectory=yaml\n")
                .file("c.build", "[Build]\nImageTag=localhost/c\nSetWorkingDirectory=file\n");
        assertThat(problems()).containsExactly(
                "a.build:1: error: a .build needs File= (the Containerfile) or SetWorkingDirectory= (the build context), and"
                        + " quadlet refuses it with neither: add SetWorkingDirectory=unit to build in the unit's folder, or File=",
                "b.build:4: error: SetWorkingDirectory=yaml is for .kube units: in a .build write unit, file, a path or a URL",
                "c.build:3: error: SetWorkingDirectory=file needs File= (the Containerfile whose folder is the context): add"
                        + " File=, or write SetWorkingDirectory=unit");
        repo().file("a.build", "[Build]\nImageTag=localhost/a\nSetWorkingDirectory=unit\n")
                .file("b.build", "[Build]\nImageTag=localhost/b\nFile=/srv/Containerfile\n")
                .file("c.build", "[Build]\nImageTag=localhost/c\nSetWorkingDirectory=https://example.com/c.git\n");
        assertThat(problems()).isEmpty();
    }

    @Test
    void relativeContainerfileNeedsAWorkingDirectoryAndASpecifierCountsAsRelativeBefore57() {
        repo().file("a.build", "[Build]\nImageTag=localhost/a\nFile=%h/Containerfile\n");
        assertThat(problems("5.8")).isEmpty();
        assertThat(problems("5.6")).singleElement().asString().startsWith("a.build:3: error: File=%h/Containerfile is"
                + " relative, so quadlet needs SetWorkingDirectory= to know what it is relative to: add SetWorkingDirectory=unit");
    }

    @Test
    void mountsQuadletRefuses() {
        repo().file("web.container", "[Container]\nImage=x\nMount=type=image,destination=/img\n"
                + "Mount=type=bind,source,destination=/b\nMount=source=/srv,destination=/srv\n");
        assertThat(problems("5.8")).containsExactly(
                "web.container:3: error: Mount=type=image,destination=/img: a image mount needs a source, and quadlet refuses"
                        + " it without one: add source=... (a path, a volume name or a repository .image unit)",
                "web.container:4: error: Mount=type=bind,source,destination=/b: 'source' has no value: write source=NAME");
        assertThat(problems("5.5")).contains("web.container:5: error: Mount=source=/srv,destination=/srv: it has no type=,"
                + " which quadlet of Podman 5.5 requires (5.6 and newer assume type=volume): add one, e.g."
                + " type=bind,source=/srv,destination=/srv");
        // quadlet splits Mount= like a command line: a quoted value is one mount, with its blanks
        repo().file("web.container", "[Container]\nImage=x\nMount=\"type=bind,src=/a b,dst=/a\" type=tmpfs,destination=/t\n");
        assertThat(problems("5.4")).isEmpty();
    }

    @Test
    void imageDriverVolumeWithoutImageAndDeviceOptionsWithoutDevice() {
        repo().file("a.volume", "[Volume]\nDriver=image\n").file("b.volume", "[Volume]\nType=tmpfs\n");
        assertThat(problems()).containsExactly(
                "a.volume:2: error: Driver=image needs Image=, and quadlet refuses the volume without it: name the image (or a"
                        + " repository .image or .build unit) whose contents the volume holds",
                "b.volume:2: error: Type= without Device= is refused by quadlet: it describes how to mount a device; add"
                        + " Device= (e.g. Device=tmpfs) or remove Type=");
        repo().file("a.volume", "[Volume]\nDriver=image\nImage=quay.io/x/data\n").file("b.volume", "[Volume]\nDevice=tmpfs\nType=tmpfs\n");
        assertThat(problems()).isEmpty();
    }

    @Test
    void podThatIsNoQuadlet() {
        repo().file("web.container", "[Container]\nImage=x\nPod=test-pod\n");
        assertThat(problems()).containsExactly("web.container:3: error: Pod=test-pod names no .pod unit, and quadlet only puts"
                + " containers in pods it manages: add test-pod.pod to the repository and write Pod=test-pod.pod");
    }

    @Test
    void networkPodAndVolumeNeedNoSectionOfTheirOwn() {
        repo().file("a.network", "[Service]\nRestart=no\n").file("b.pod", "[Service]\nRestart=no\n")
                .file("c.volume", "[Service]\nRestart=no\n");
        assertThat(problems()).allSatisfy(p -> assertThat(p).contains(": warning: has no ["));
        assertThat(problems()).hasSize(3);
        repo().file("d.container", "[Service]\nRestart=no\n");
        assertThat(problems()).contains("d.container:0: error: has no [Container] section: a .container unit needs one (check"
                + " the spelling of the section header)");
    }

    @Test
    void orderingAgainstAMissingQuadletIsAWarningANeedIsAnError() {
        repo().file("web.container", "[Unit]\nAfter=db.container\nBefore=cache.container\nPartOf=app.pod\n"
                + "Requires=db.container\n[Container]\nImage=x\n");
        assertThat(problems("5.8")).containsExactly(
                "web.container:2: warning: After=db.container names db.container, which is not in the repository: systemd"
                        + " ignores ordering against a unit that does not exist, but quadlet (Podman 5.5 and newer) refuses the"
                        + " unit unless the host has db.container in another quadlet folder; add db.container or fix the name",
                "web.container:3: warning: Before=cache.container names cache.container, which is not in the repository:"
                        + " systemd ignores ordering against a unit that does not exist, but quadlet refuses the unit unless the"
                        + " host has cache.container in another quadlet folder; add cache.container or fix the name",
                "web.container:4: error: PartOf=app.pod names app.pod, which is not in the repository: quadlet cannot"
                        + " translate it to a service name and refuses the unit; add app.pod or fix the name",
                "web.container:5: error: Requires=db.container names db.container, which is not in the repository: add"
                        + " db.container or fix the name");
    }

    @Test
    void podman54DoesNotTranslateQuadletNamesInUnitDependencies() {
        repo().file("web.container", "[Unit]\nRequires=db.container\n[Container]\nImage=x\n")
                .file("db.container", "[Container]\nImage=x\n");
        assertThat(problems("5.8")).isEmpty();
        assertThat(problems("5.4")).containsExactly("web.container:2: warning: Requires=db.container: quadlet of Podman 5.4"
                + " passes quadlet file names to systemd unchanged (5.5 and newer translate them), and systemd knows no unit"
                + " db.container: name its service instead (db.service)");
    }

    @Test
    void artifactUnitsOnPodmanBefore57() {
        repo().file("data.artifact", "[Artifact]\nArtifact=quay.io/x/data:1\n");
        assertThat(problems("5.7")).isEmpty();
        assertThat(problems("5.4")).containsExactly("data.artifact:0: warning: quadlet of Podman 5.4 does not know .artifact"
                + " units (they arrived in Podman 5.7) and skips this file, so data-artifact.service will not exist: run a"
                + " newer Podman, or remove it");
    }

    @Test
    void serviceSettingsQuadletRefusesOrWarnsAbout() {
        repo().file("web.container", "[Container]\nImage=x\n[Service]\nKillMode=process\nType=simple\nUser=web\n");
        assertThat(problems()).containsExactly(
                "web.container:4: error: KillMode=process is refused by quadlet for a .container: only mixed (the default) and"
                        + " control-group stop podman's processes cleanly; remove the line or write one of those",
                "web.container:5: error: Type=simple is refused by quadlet for a .container: write notify (the default) or oneshot",
                "web.container:6: warning: [Service] User= makes systemd run podman itself as another user, which quadlet does"
                        + " not support: for the container's processes set User=/Group= in [Container], or deploy the unit rootless");
    }

    @Test
    void malformedExposedPortAndOptionsOnAContainerNetwork() {
        repo().file("web.container", "[Container]\nImage=x\nExposeHostPort=http\nNetwork=db.container:ip=10.0.0.2\n")
                .file("db.container", "[Container]\nImage=x\n");
        assertThat(problems()).containsExactly(
                "web.container:3: error: ExposeHostPort=http is not a port or port range: write e.g. 8080, 8000-8010 or 53/udp",
                "web.container:4: error: Network=db.container:ip=10.0.0.2: quadlet takes no options when a container joins"
                        + " another container's network; write Network=db.container");
    }

    @Test
    void kubeWorkingDirectory() {
        repo().file("a.kube", "[Kube]\nYaml=/srv/a.yaml\nYaml=/srv/b.yaml\nSetWorkingDirectory=yaml\n")
                .file("b.kube", "[Kube]\nYaml=/srv/b.yaml\nSetWorkingDirectory=/srv\n");
        assertThat(problems("5.8")).containsExactly(
                "a.kube:4: error: SetWorkingDirectory=yaml needs a single Yaml=, and this unit has 2: write"
                        + " SetWorkingDirectory=unit, or keep one Yaml=",
                "b.kube:3: error: SetWorkingDirectory=/srv is not something a .kube takes: write yaml (the folder of its Yaml=)"
                        + " or unit (the unit's folder)");
        // before 5.7 quadlet took the last Yaml= and did not mind
        assertThat(problems("5.4")).singleElement().asString().startsWith("b.kube:3: error:");
    }

    @Test
    void aKubeWithoutYamlAndAnArtifactWithoutArtifact() {
        repo().file("a.kube", "[Kube]\nAutoUpdate=registry\n").file("b.artifact", "[Artifact]\nQuiet=true\n");
        assertThat(problems()).containsExactly(
                "a.kube:1: error: [Kube] has no Yaml=: name the Kubernetes YAML file to play, e.g. Yaml=a.yaml",
                "b.artifact:1: error: [Artifact] has no Artifact=: name the OCI artifact to pull");
    }

    @Test
    void aProblemSetInADropInPointsAtTheDropIn() {
        repo().file("web.container", "[Container]\nImage=x\n").file("web.container.d/10-group.conf", "[Container]\nGroup=100\n");
        assertThat(problems()).singleElement().asString().startsWith("web.container.d/10-group.conf:2: error: Group= without User=");
    }
}

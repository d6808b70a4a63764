package dev.berth.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class QuadletKeysTest {

    @ParameterizedTest
    @CsvSource({
            "CONTAINER, Image", "CONTAINER, PublishPort", "CONTAINER, HealthStartupCmd", "CONTAINER, ServiceName",
            "CONTAINER, ReloadSignal", "CONTAINER, HttpProxy", "CONTAINER, Rootfs",
            "VOLUME, VolumeName", "VOLUME, Copy", "VOLUME, Type",
            "NETWORK, Subnet", "NETWORK, NetworkDeleteOnStop", "NETWORK, IPv6",
            "POD, PodName", "POD, ExitPolicy", "POD, ShmSize",
            "KUBE, Yaml", "KUBE, ExitCodePropagation", "KUBE, KubeDownForce",
            "IMAGE, Image", "IMAGE, ImageTag", "IMAGE, Policy", "IMAGE, AllTags",
            "BUILD, ImageTag", "BUILD, File", "BUILD, SetWorkingDirectory", "BUILD, ForceRM",
            "ARTIFACT, Artifact", "ARTIFACT, ServiceName",
    })
    void documentedKeysAreKnown(UnitKind kind, String key) {
        assertThat(QuadletKeys.isKnown(kind, kind.mainSection(), key)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "CONTAINER, Imagee", "CONTAINER, image", "CONTAINER, Yaml", "CONTAINER, VolumeName",
            "CONTAINER, ExecStart", "VOLUME, Imagee", "VOLUME, Subnet", "NETWORK, PublishPort",
            "POD, Image", "KUBE, Image", "IMAGE, File", "BUILD, Exec", "ARTIFACT, Image",
    })
    void typosAndKeysOfOtherKindsAreRejected(UnitKind kind, String key) {
        assertThat(QuadletKeys.isKnown(kind, kind.mainSection(), key)).isFalse();
    }

    @Test
    void quadletSectionKnowsDefaultDependenciesOnly() {
        for (UnitKind kind : quadletKinds()) {
            assertThat(QuadletKeys.isKnown(kind, "Quadlet", "DefaultDependencies")).isTrue();
            assertThat(QuadletKeys.isKnown(kind, "Quadlet", "DefaultDependency")).isFalse();
            assertThat(QuadletKeys.isKnown(kind, "Quadlet", "Image")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(UnitKind.class)
    void sectionsQuadletDoesNotPoliceAcceptAnything(UnitKind kind) {
        for (String section : new String[] {"Unit", "Service", "Install", "X-Berth", "X-Container"}) {
            assertThat(QuadletKeys.isKnown(kind, section, "Whatever")).isTrue();
        }
    }

    @Test
    void plainSystemdKindsAreNotPoliced() {
        assertThat(QuadletKeys.isKnown(UnitKind.SERVICE, "Service", "ExecStrat")).isTrue();
        assertThat(QuadletKeys.isKnown(UnitKind.TIMER, "Timer", "OnCalender")).isTrue();
        assertThat(QuadletKeys.isKnown(UnitKind.SERVICE, "Quadlet", "Anything")).isTrue();
        assertThat(QuadletKeys.mainSectionKeys(UnitKind.SERVICE)).isEmpty();
    }

    @Test
    void anotherKindsMainSectionIsNotPoliced() {
        // quadlet copies unknown sections through to the service; systemd warns about them there
        assertThat(QuadletKeys.isKnown(UnitKind.CONTAINER, "Volume", "Whatever")).isTrue();
    }

    @Test
    void everyQuadletKindHasACatalogue() {
        for (UnitKind kind : quadletKinds()) {
            assertThat(QuadletKeys.mainSectionKeys(kind)).as(kind.name()).isNotEmpty()
                    .allSatisfy(key -> assertThat(key).matches("[A-Za-z0-9]+"));
        }
    }

    @Test
    void sharedKeysAreInEveryKind() {
        for (UnitKind kind : quadletKinds()) {
            assertThat(QuadletKeys.mainSectionKeys(kind)).as(kind.name())
                    .contains("ContainersConfModule", "GlobalArgs", "PodmanArgs", "ServiceName");
        }
    }

    @Test
    void keysArePerPodmanRelease() {
        assertThat(QuadletKeys.isKnown(UnitKind.CONTAINER, "Container", "Retry", 5, 4)).isFalse();
        assertThat(QuadletKeys.isKnown(UnitKind.CONTAINER, "Container", "Retry", 5, 5)).isTrue();
        assertThat(QuadletKeys.isKnown(UnitKind.POD, "Pod", "ExitPolicy", 5, 5)).isFalse();
        assertThat(QuadletKeys.isKnown(UnitKind.POD, "Pod", "ExitPolicy", 5, 6)).isTrue();
        assertThat(QuadletKeys.isKnown(UnitKind.CONTAINER, "Container", "AppArmor", 5, 7)).isFalse();
        assertThat(QuadletKeys.isKnown(UnitKind.CONTAINER, "Container", "AppArmor", 5, 8)).isTrue();
        assertThat(QuadletKeys.isKnown(UnitKind.CONTAINER, "Container", "Image", 5, 4)).isTrue();
        assertThat(QuadletKeys.addedIn(UnitKind.BUILD, "BuildArg")).contains("5.7");
        assertThat(QuadletKeys.addedIn(UnitKind.CONTAINER, "Image")).isEmpty();
        assertThat(QuadletKeys.kindKnown(UnitKind.ARTIFACT, 5, 6)).isFalse();
        assertThat(QuadletKeys.kindKnown(UnitKind.ARTIFACT, 5, 7)).isTrue();
        assertThat(QuadletKeys.kindKnown(UnitKind.SERVICE, 5, 8)).isFalse();
    }

    private static UnitKind[] quadletKinds() {
        return Arrays.stream(UnitKind.values()).filter(UnitKind::isQuadlet).toArray(UnitKind[]::new);
    }
}

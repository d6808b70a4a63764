package dev.berth.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitNameTest {

    private static UnitName name(String fileName) {
        return UnitName.parse(fileName).orElseThrow(() -> new AssertionError("not a unit name: " + fileName));
    }

    @ParameterizedTest
    @CsvSource({
            "foo.container, foo.service",
            "foo.kube, foo.service",
            "foo.volume, foo-volume.service",
            "foo.network, foo-network.service",
            "foo.pod, foo-pod.service",
            "foo.image, foo-image.service",
            "foo.build, foo-build.service",
            "foo.artifact, foo-artifact.service",
            "foo.service, foo.service",
            "foo.timer, foo.timer",
            "foo.socket, foo.socket",
            "foo.path, foo.path",
            "foo.target, foo.target",
            "srv-data.mount, srv-data.mount",
            "foo@a.container, foo@a.service",
            "foo@.container, foo@.service",
            "foo@a.service, foo@a.service",
            "my-app.container, my-app.service",
    })
    void defaultSystemdName(String file, String expected) {
        assertThat(name(file).defaultSystemdName()).isEqualTo(expected);
    }

    @Test
    void plainUnit() {
        UnitName n = name("web.container");
        assertThat(n.prefix()).isEqualTo("web");
        assertThat(n.instance()).isNull();
        assertThat(n.kind()).isEqualTo(UnitKind.CONTAINER);
        assertThat(n.isTemplate()).isFalse();
        assertThat(n.isInstance()).isFalse();
        assertThat(n.fileName()).isEqualTo("web.container");
        assertThat(n).hasToString("web.container");
    }

    @Test
    void template() {
        UnitName n = name("sleep@.container");
        assertThat(n.prefix()).isEqualTo("sleep");
        assertThat(n.instance()).isEmpty();
        assertThat(n.isTemplate()).isTrue();
        assertThat(n.isInstance()).isFalse();
        assertThat(n.fileName()).isEqualTo("sleep@.container");
    }

    @Test
    void instanceAndItsTemplate() {
        UnitName n = name("sleep@10.container");
        assertThat(n.instance()).isEqualTo("10");
        assertThat(n.isInstance()).isTrue();
        assertThat(n.template()).isEqualTo(name("sleep@.container"));
        assertThat(n.template().defaultSystemdName()).isEqualTo("sleep@.service");
    }

    @Test
    void instanceMayHoldSystemdEscapes() {
        assertThat(name("mount@srv-data\\x2dold.container").instance()).isEqualTo("srv-data\\x2dold");
    }

    @Test
    void dotsAndColonsAreAllowedInPrefix() {
        assertThat(name("web.v2:blue.container").prefix()).isEqualTo("web.v2:blue");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "web", "web.", ".container", "web.txt", "web.Container", "web.CONTAINER", "we b.container",
            "@x.container", "@.container", "a@b@c.container", "web.container.d", "10-override.conf",
            "wëb.container", "web/x.container", "web.container~"
    })
    void invalidNames(String file) {
        assertThat(UnitName.parse(file)).as(file).isEmpty();
    }

    @Test
    void emptyPrefixIsRejectedByTheRecord() {
        assertThatThrownBy(() -> new UnitName("", null, UnitKind.CONTAINER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kindKnowsQuadletsAndTriggers() {
        assertThat(UnitKind.ARTIFACT.isQuadlet()).isTrue();
        assertThat(UnitKind.SERVICE.isQuadlet()).isFalse();
        assertThat(UnitKind.TIMER.isTrigger()).isTrue();
        assertThat(UnitKind.CONTAINER.mainSection()).isEqualTo("Container");
    }
}

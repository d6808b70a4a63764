package dev.berth.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Quadlet trims a line before it looks for the continuation backslash; systemd does not. */
class QuadletContinuationTest {

    private static final String TEXT = "[Container]\nExec=\"/bin/x\" --a \\ \n  \"arg 2\"\n";

    @Test
    void blanksAfterTheBackslashStillContinueInQuadletsAndTheirDropIns() throws UnitSyntaxException {
        assertThat(UnitParser.parse("web.container", TEXT).value("Container", "Exec")).contains("\"/bin/x\" --a    \"arg 2\"");
        assertThat(UnitParser.parse("web.container.d/10-exec.conf", TEXT).value("Container", "Exec")).isPresent();
        assertThat(UnitParser.parse("container.d/10-exec.conf", TEXT).value("Container", "Exec")).isPresent();
    }

    @Test
    void inPlainSystemdUnitsTheyDoNot() {
        assertThatThrownBy(() -> UnitParser.parse("web.service", TEXT.replace("Container", "Service")))
                .isInstanceOf(UnitSyntaxException.class).hasMessageContaining("missing '='");
    }
}

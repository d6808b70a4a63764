package dev.berth.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The crash-test switch: inert unless asked for, and a bad step number is an error, never a silent no-op. */
class FaultPointsTest {

    @Test
    void withoutTheVariablesTheFacilityIsInert() {
        assertThat(FaultPoints.Settings.from(Map.of())).isNull();
        assertThat(FaultPoints.Settings.from(Map.of(FaultPoints.AT_VARIABLE, " ", FaultPoints.LOG_VARIABLE, ""))).isNull();
    }

    @Test
    void aLogAloneCountsAndKillsNowhere() {
        FaultPoints.Settings s = FaultPoints.Settings.from(Map.of(FaultPoints.LOG_VARIABLE, "/tmp/points.log"));
        assertThat(s.killAt()).isZero();
        assertThat(s.log()).isEqualTo(Path.of("/tmp/points.log"));
    }

    @Test
    void aStepNumberKillsThere() {
        FaultPoints.Settings s = FaultPoints.Settings.from(Map.of(FaultPoints.AT_VARIABLE, "7"));
        assertThat(s.killAt()).isEqualTo(7);
        assertThat(s.log()).isNull();
    }

    @Test
    void aStepThatIsNoNumberFromOneIsRefusedNamingTheVariable() {
        for (String bad : new String[] {"0", "-3", "seven", "2.5"}) {
            assertThatThrownBy(() -> FaultPoints.Settings.from(Map.of(FaultPoints.AT_VARIABLE, bad)))
                    .hasMessageContaining(FaultPoints.AT_VARIABLE).hasMessageContaining("'" + bad + "'");
        }
    }
}

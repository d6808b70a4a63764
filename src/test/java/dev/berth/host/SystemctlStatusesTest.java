package dev.berth.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Many units' states in one {@code systemctl show}, and one by one when systemctl cannot answer for all at once. */
class SystemctlStatusesTest {
    private final List<List<String>> commands = new ArrayList<>();

    private SystemctlSystemd answering(Function<List<String>, ProcessResult> answer) {
        return new SystemctlSystemd(new ProcessRunner() {
            @Override
            public ProcessResult run(List<String> command, Duration timeout) {
                commands.add(command);
                return answer.apply(command);
            }
        }, false);
    }

    @Test
    void oneForkAnswersForEveryUnitInTheOrderAsked() {
        SystemctlSystemd systemd = answering(c -> new ProcessResult(0, """
                ActiveState=active
                SubState=running
                Result=success
                LoadState=loaded
                InvocationID=5c2d0e3f9a8b4c7d8e1f2a3b4c5d6e7f

                ActiveState=failed
                SubState=failed
                Result=exit-code
                LoadState=loaded
                """, "", false));

        Map<String, UnitStatus> s = systemd.statuses(List.of("a.service", "-Hb.service"));

        assertThat(commands).singleElement().isEqualTo(List.of("systemctl", "show",
                "--property=ActiveState,SubState,Result,LoadState,InvocationID", "--", "a.service", "-Hb.service"));
        assertThat(s).containsExactly(
                Map.entry("a.service", new UnitStatus("active", "running", "success", "loaded", "5c2d0e3f9a8b4c7d8e1f2a3b4c5d6e7f")),
                Map.entry("-Hb.service", new UnitStatus("failed", "failed", "exit-code", "loaded")));
    }

    @Test
    void whenTheBlocksDoNotMatchTheUnitsEachUnitIsAskedAlone() {
        SystemctlSystemd systemd = answering(c -> c.size() > 5
                ? new ProcessResult(1, "ActiveState=active\n", "Unit name x is not valid.", false)
                : new ProcessResult(0, "ActiveState=" + (c.get(4).startsWith("a") ? "active" : "inactive") + "\n", "", false));

        Map<String, UnitStatus> s = systemd.statuses(List.of("a.service", "b.service"));

        assertThat(commands).hasSize(3);
        assertThat(s.get("a.service").activeState()).isEqualTo("active");
        assertThat(s.get("b.service").activeState()).isEqualTo("inactive");
    }
}

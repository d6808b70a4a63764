package dev.berth.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A unit name reaches systemctl after "--", so a name such as -Hevil.service is never an option. */
class SystemctlArgvTest {
    private final List<List<String>> commands = new ArrayList<>();
    private final ProcessRunner recording = new ProcessRunner() {
        @Override
        public ProcessResult run(List<String> command, Duration timeout) {
            commands.add(command);
            return new ProcessResult(0, "", "", false);
        }
    };

    @Test
    void everyUnitNameComesAfterTheEndOfOptions() throws Exception {
        SystemctlSystemd systemd = new SystemctlSystemd(recording, true);
        String evil = "-Hevil.service";
        systemd.start(evil, Duration.ofSeconds(1));
        systemd.restart(evil, Duration.ofSeconds(1));
        systemd.stop(evil, Duration.ofSeconds(1));
        systemd.enable(evil);
        systemd.disable(evil);
        systemd.resetFailed(evil);
        systemd.restartNoBlock(evil);
        systemd.status(evil);
        systemd.unitText(evil);
        for (List<String> c : commands) {
            assertThat(c).as("%s", c).endsWith("--", evil).startsWith("systemctl", "--user");
            assertThat(c.subList(0, c.size() - 1)).doesNotContain(evil);
        }
        assertThat(commands).hasSize(9);
        assertThat(commands.get(6)).containsExactly("systemctl", "--user", "restart", "--no-block", "--", evil);
        assertThat(commands.get(8)).containsExactly("systemctl", "--user", "cat", "--no-pager", "--", evil);

        systemd.journal(evil, 5);
        assertThat(commands.get(9)).contains("--unit=" + evil).doesNotContain(evil);
    }
}

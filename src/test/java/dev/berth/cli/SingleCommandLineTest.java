package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A command line built for one command prints what the whole model prints: help, version, usage errors, results. */
class SingleCommandLineTest {
    @Test
    void everyCommandPrintsWhatTheWholeModelPrints() {
        List<String> names = new ArrayList<>(Main.commandLine().getSubcommands().keySet());
        assertThat(names).contains("validate", "status", "history", "plan", "sync", "secret", "mcp");
        for (String name : names) {
            for (String[] args : new String[][] {{name, "--help"}, {name, "-V"}, {name, "--no-such-option"}, {name, "-h", "extra"}}) {
                assertThat(Printed.run(SingleCommandLine.of(args), args)).as(String.join(" ", args)).isEqualTo(Printed.run(Main.commandLine(), args));
            }
        }
        for (String[] args : new String[][] {{"validate", "--podman-version", "five", "."}, {"validate", "/no/such/folder"},
                {"secret"}, {"help", "plan"}, {"satus"}, {"--help"}, {"-V"}, {}}) {
            assertThat(Printed.run(SingleCommandLine.of(args), args)).as(String.join(" ", args)).isEqualTo(Printed.run(Main.commandLine(), args));
        }
    }

    @Test
    void onlyTheNamedCommandIsBuilt() {
        assertThat(SingleCommandLine.of(new String[] {"validate", "."}).getSubcommands()).containsOnlyKeys("validate");
        assertThat(SingleCommandLine.of(new String[] {"help"}).getSubcommands()).containsKey("validate").containsKey("help");
        assertThat(SingleCommandLine.of(new String[] {"--state-dir", "/s", "status"}).getSubcommands()).containsKey("plan");
    }
}

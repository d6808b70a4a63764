package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.cli.DaemonShortcut.Request;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only plain sync, status, history and plan command lines skip picocli; everything else is left to it, which says what is wrong. */
class DaemonShortcutTest {
    private static Optional<Request> parse(String... args) {
        return DaemonShortcut.parse(args, null);
    }

    @Test
    void plainSyncAndStatusLinesAreSentAsTheyAre() {
        assertThat(parse("sync")).contains(new Request("sync", false, false, false, false, null));
        assertThat(parse("sync", "-q", "--dry-run", "--resume", "--no-rollback", "--state-dir", "/s"))
                .contains(new Request("sync", true, true, true, true, Path.of("/s")));
        assertThat(parse("sync", "-n", "--quiet", "--state-dir=/t")).contains(new Request("sync", true, false, false, true, Path.of("/t")));
        assertThat(parse("status", "--json", "--state-dir", "/s")).contains(new Request("status", false, false, false, false, Path.of("/s")));
    }

    @Test
    void plainHistoryAndPlanLinesAreQueries() {
        assertThat(parse("history")).contains(new Request("history", false, false, false, false, null));
        // history's -n is a count (not sync's dry run), sent to the daemon with the rest of the line
        assertThat(parse("history", "-n", "5", "--json", "-q", "--state-dir", "/s"))
                .contains(new Request("history", false, false, false, true, Path.of("/s")));
        assertThat(parse("history", "--limit", "3")).contains(new Request("history", false, false, false, false, null));
        assertThat(parse("history", "--limit=30", "--state-dir=/t")).contains(new Request("history", false, false, false, false, Path.of("/t")));
        assertThat(parse("plan")).contains(new Request("plan", false, false, false, false, null));
        assertThat(parse("plan", "--diff", "--quiet", "--state-dir", "/s")).contains(new Request("plan", false, false, false, true, Path.of("/s")));
    }

    @Test
    void theStateFolderDefaultsToTheEnvironmentAndTheOptionWins() {
        assertThat(DaemonShortcut.parse(new String[] {"status"}, "/env")).get().extracting(Request::stateDir).isEqualTo(Path.of("/env"));
        assertThat(DaemonShortcut.parse(new String[] {"status"}, "")).get().extracting(Request::stateDir).isNull();
        assertThat(DaemonShortcut.parse(new String[] {"status", "--state-dir", "/opt"}, "/env")).get()
                .extracting(Request::stateDir).isEqualTo(Path.of("/opt"));
    }

    @Test
    void anythingElseGoesToPicocli() {
        for (String[] args : new String[][] {
                {}, {"diff"}, {"validate"}, {"--version"}, {"history", "--help"}, {"plan", "-h"},
                {"history", "-n"}, {"history", "-n", "five"}, {"history", "-n", "-1"}, {"history", "--limit="},
                {"history", "--limit=x"}, {"history", "-n5"}, {"history", "--diff"}, {"history", "--dry-run"},
                {"plan", "-n"}, {"plan", "--json"}, {"plan", "--host", "web1"}, {"plan", "--label", "a=b"},
                {"plan", "--dir", "."}, {"plan", "--dir=."}, {"status", "-n", "5"}, {"sync", "--limit", "5"}, {"sync", "--help"}, {"status", "-h"}, {"sync", "-V"},
                {"sync", "--json"}, {"status", "--dry-run"}, {"status", "--resume"}, {"sync", "-nq"}, {"sync", "--state-dir"},
                {"sync", "--state-dir", "-q"}, {"sync", "--state-dir="}, {"sync", "extra"}, {"status", "--jsonx"},
                {"--state-dir", "/s", "sync"}, {"sync", "--dry-run=true"}}) {
            assertThat(parse(args)).as(String.join(" ", args)).isEmpty();
        }
    }
}

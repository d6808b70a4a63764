package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain {@code berth sync} runs without picocli's model ({@link PlainSync}) and prints what picocli's run of the
 * same command line prints, with the same exit code. (Real syncs through it are the integration tests' {@code berth
 * sync}: every plain one takes this way.)
 */
class PlainSyncTest {
    @TempDir
    Path dir;

    private static Printed plain(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Optional<Integer> code = PlainSync.run(args, out, err, null);
        assertThat(code).as("taken without picocli: " + String.join(" ", args)).isPresent();
        return new Printed(code.get(), out.toString(Charset.defaultCharset()), err.toString(Charset.defaultCharset()));
    }

    @Test
    void aSyncOfAHostThatFollowsNothingFailsAlikeEitherWay() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        for (String[] args : new String[][] {
                {"sync", "--state-dir", state.toString()},
                {"sync", "-q", "--state-dir=" + state},
                {"sync", "--dry-run", "--quiet", "--state-dir", state.toString()},
                {"sync", "--resume", "--no-rollback", "--state-dir", state.toString()}}) {
            Printed byPicocli = Printed.run(SingleCommandLine.of(args), args);
            Printed plain = plain(args);
            assertThat(plain).as(String.join(" ", args)).isEqualTo(byPicocli);
            assertThat(plain.exitCode()).isEqualTo(ErrorHandler.EXIT_FAILURE);
            assertThat(plain.err()).contains("this host follows no repository yet").contains("run 'berth init URL' first");
        }
    }

    @Test
    void everyOtherCommandLineIsLeftToPicocli() {
        for (String[] args : new String[][] {
                {}, {"status"}, {"plan"}, {"history"}, {"sync", "--help"}, {"sync", "-V"}, {"sync", "--json"},
                {"sync", "extra"}, {"sync", "--state-dir"}, {"--state-dir", "/s", "sync"}, {"init", "/srv/repo"}}) {
            assertThat(PlainSync.run(args, new ByteArrayOutputStream(), new ByteArrayOutputStream(), null))
                    .as(String.join(" ", args)).isEmpty();
        }
    }
}

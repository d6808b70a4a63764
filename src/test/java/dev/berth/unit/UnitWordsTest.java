package dev.berth.unit;

import static dev.berth.unit.UnitWords.Mode.ARGUMENTS;
import static dev.berth.unit.UnitWords.Mode.COMMAND_LINE;
import static dev.berth.unit.UnitWords.Mode.LIST;
import static dev.berth.unit.UnitWords.Mode.STRICT_ARGUMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The word rules of systemd.syntax(7) and quadlet's splitString, per mode. */
class UnitWordsTest {

    @Test
    void blanksSeparateWordsInEveryMode() {
        for (UnitWords.Mode mode : UnitWords.Mode.values()) {
            assertThat(UnitWords.split("  stdio --port\t3000 \r\n", mode)).as(mode.name()).containsExactly("stdio", "--port", "3000");
            assertThat(UnitWords.split("", mode)).as(mode.name()).isEmpty();
            assertThat(UnitWords.split(" \t ", mode)).as(mode.name()).isEmpty();
        }
    }

    @Test
    void quotesGroupAnywhereInAWordAndAnEmptyQuoteIsAWord() {
        for (UnitWords.Mode mode : UnitWords.Mode.values()) {
            assertThat(UnitWords.split("echo --msg \"hello world\" 'a \"b\"' pre\"fix suf\"fix \"\" ''", mode)).as(mode.name())
                    .containsExactly("echo", "--msg", "hello world", "a \"b\"", "prefix suffix", "", "");
        }
    }

    @Test
    void cEscapesAreDecodedInsideAndOutsideQuotes() {
        for (UnitWords.Mode mode : List.of(COMMAND_LINE, ARGUMENTS, STRICT_ARGUMENTS)) {
            assertThat(UnitWords.split("a\\sb \"x\\ty\" 'q\\x20r' \\\"q\\\" \\x41\\u00e9\\U0001F600 \\101 back\\\\slash"
                    + " \\a\\b\\f\\n\\r\\v", mode)).as(mode.name())
                    .containsExactly("a b", "x\ty", "q r", "\"q\"", "Aé\uD83D\uDE00", "A", "back\\slash", "\u0007\b\f\n\r\u000b");
        }
    }

    @Test
    void aListKeepsBackslashesAsTheyAre() {
        assertThat(UnitWords.split("a\\sb \"c\\\" d\\x41", LIST)).containsExactly("a\\sb", "c\\", "d\\x41");
    }

    @Test
    void strictArgumentsRefuseWhatQuadletRefuses() {
        assertThatThrownBy(() -> UnitWords.split("--pattern \\d+", STRICT_ARGUMENTS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("has the escape \\d, which quadlet does not know: write \\\\ for a backslash");
        for (String bad : List.of("\\xZZ", "\\x00", "\\000", "\\400", "\\u12", "\\U00110000", "\\x\u0661\u0662", "my\\ file")) {
            assertThatThrownBy(() -> UnitWords.split(bad, STRICT_ARGUMENTS)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("which quadlet does not know");
        }
        assertThatThrownBy(() -> UnitWords.split("end\\", STRICT_ARGUMENTS)).hasMessage("ends in a backslash: write \\\\ for a backslash");
        assertThatThrownBy(() -> UnitWords.split("run 'half", STRICT_ARGUMENTS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the quote ' is not closed: close it, or escape it as \\'");
    }

    @Test
    void relaxedModesReadMalformedInputAsQuadletsSplitRelaxDoes() {
        for (UnitWords.Mode mode : List.of(COMMAND_LINE, ARGUMENTS)) {
            // an unknown or incomplete escape is the escaped character; a trailing backslash is dropped
            assertThat(UnitWords.split("my\\ file \\d+ \\xZZ \\x00 end\\", mode)).as(mode.name())
                    .containsExactly("my file", "d+", "xZZ", "x00", "end");
            assertThat(UnitWords.split("run 'half open", mode)).as(mode.name()).containsExactly("run", "half open");
        }
        assertThat(UnitWords.split("run 'half open", LIST)).containsExactly("run", "half open");
    }

    @Test
    void aCommandLineReadsSpecifiersAndPrefixesAsSystemdDoes() {
        assertThat(UnitWords.split("/usr/bin/podman build --tag a:b --label \"x=a b\" 'c d' e\\ f 100%% ./ctx", COMMAND_LINE))
                .containsExactly("/usr/bin/podman", "build", "--tag", "a:b", "--label", "x=a b", "c d", "e f", "100%", "./ctx");
        // quadlet writes a blank inside a quoted word as \x20; %% is a percent sign inside quotes too
        assertThat(UnitWords.split(" -@/usr/bin/podman --label \"x=a\\x20b\" \"50%%\"", COMMAND_LINE))
                .containsExactly("/usr/bin/podman", "--label", "x=a b", "50%");
        assertThat(UnitWords.split("-/bin/true 100%%", ARGUMENTS)).containsExactly("-/bin/true", "100%%");
    }
}

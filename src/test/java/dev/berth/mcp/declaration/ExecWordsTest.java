package dev.berth.mcp.declaration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExecWordsTest {

    @Test
    void blanksSeparateWords() {
        assertThat(ExecWords.split("  stdio --port\t3000 ")).containsExactly("stdio", "--port", "3000");
        assertThat(ExecWords.split("")).isEmpty();
    }

    @Test
    void quotesGroupAnywhereInAWord() {
        assertThat(ExecWords.split("--msg \"hello world\" 'a \"b\"' pre\"fix suf\"fix \"\""))
                .containsExactly("--msg", "hello world", "a \"b\"", "prefix suffix", "");
    }

    @Test
    void cEscapesAreDecodedInsideAndOutsideQuotes() {
        assertThat(ExecWords.split("a\\sb \"x\\ty\" \\\"q\\\" \\x41\\u00e9\\U0001F600 \\101 back\\\\slash"))
                .containsExactly("a b", "x\ty", "\"q\"", "Aé\uD83D\uDE00", "A", "back\\slash");
    }

    @Test
    void escapesQuadletRefusesAreRefused() {
        assertThatThrownBy(() -> ExecWords.split("--pattern \\d+")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("has the escape \\d, which quadlet does not know: write \\\\ for a backslash");
        for (String bad : List.of("\\xZZ", "\\x00", "\\000", "\\400", "\\u12", "\\U00110000", "\\x\u0661\u0662", "my\\ file")) {
            assertThatThrownBy(() -> ExecWords.split(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("which quadlet does not know");
        }
        assertThatThrownBy(() -> ExecWords.split("end\\")).hasMessage("ends in a backslash: write \\\\ for a backslash");
    }

    @Test
    void anUnclosedQuoteIsRefused() {
        assertThatThrownBy(() -> ExecWords.split("run 'half")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the quote ' is not closed: close it, or escape it as \\'");
    }
}

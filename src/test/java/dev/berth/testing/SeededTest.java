package dev.berth.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SeededTest {

    private static final Function<Draw, List<Integer>> NUMBERS = d -> d.list(5, x -> x.between(-3, 7));

    private static List<List<Integer>> inputsOf(long seed, int tries) {
        List<List<Integer>> seen = new ArrayList<>();
        Seeded.check(seed, tries, NUMBERS, seen::add);
        return seen;
    }

    @Test
    void theSameSeedDrawsTheSameInputs() {
        assertThat(inputsOf(42, 200)).isEqualTo(inputsOf(42, 200));
        assertThat(inputsOf(42, 200)).isNotEqualTo(inputsOf(43, 200));
    }

    @Test
    void theFirstTryIsTheSmallestInputAndTheSecondTheLargestSizes() {
        List<List<Integer>> inputs = inputsOf(7, 2);
        assertThat(inputs.get(0)).isEmpty();
        assertThat(inputs.get(1)).hasSize(5);
        List<String> strings = new ArrayList<>();
        Seeded.check(7, 2, d -> d.string("ab", 1, 4), strings::add);
        assertThat(strings).hasSize(2);
        assertThat(strings.get(0)).isEqualTo("a");
        assertThat(strings.get(1)).hasSize(4);
    }

    @Test
    void randomTriesReachTheBoundsOfEveryRange() {
        List<List<Integer>> inputs = inputsOf(1, 1000);
        assertThat(inputs.stream().flatMap(List::stream)).contains(-3, 7);
        assertThat(inputs.subList(2, inputs.size())).anyMatch(List::isEmpty).anyMatch(l -> l.size() == 5);
    }

    @Test
    void aFailureNamesTheSeedTheTryAndTheInput() {
        assertThatThrownBy(() -> Seeded.check(99, 1000, NUMBERS, l -> assertThat(l).doesNotContain(7)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("with seed 99 (replay with -Dberth.seed=99)")
                .hasMessageMatching("(?s)property failed at try \\d+ of 1000 .*\ninput: \\[.*7.*\\]")
                .cause().hasMessageContaining("not to contain");
    }

    @Test
    void filteredAndUniqueDrawsKeepOnlyWhatIsAccepted() {
        Seeded.check(5, 300, d -> d.filtered(x -> x.between(0, 9), n -> n % 3 == 2), n -> assertThat(n % 3).isEqualTo(2));
        Seeded.check(5, 300, d -> d.uniqueList(6, x -> x.between(0, 9), n -> n), l -> assertThat(l).doesNotHaveDuplicates());
    }

    @Test
    void inputsAreDescribedOnOneLine() {
        assertThat(Seeded.describe("a\nb\u0000\u2028\\")).isEqualTo("\"a\\nb\\u0000\\u2028\\\\\"");
        assertThat(Seeded.describe(List.of("", "\t"))).isEqualTo("[, \\t]");
        assertThat(Seeded.describe("[Unit]\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("\"[Unit]\\n\"");
        assertThat(Seeded.describe(new byte[] {(byte) 0xff, 0x41})).isEqualTo("hex:ff41");
        assertThat(Seeded.text("a\nb".getBytes(StandardCharsets.UTF_8))).isEqualTo("\"a\nb\"");
    }
}

package dev.berth.unit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testing.Draw;
import dev.berth.testing.Seeded;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Round trips for well-formed models, and robustness of the parser against arbitrary text. */
class UnitSyntaxPropertiesTest {

    /** What a unit means, without where it was read from. */
    record Shape(List<SectionShape> sections) {
        static Shape of(UnitFile unit) {
            return new Shape(unit.sections().stream()
                    .map(s -> new SectionShape(s.name(), s.entries().stream()
                            .map(e -> List.of(e.key(), e.value())).toList()))
                    .toList());
        }
    }

    record SectionShape(String name, List<List<String>> entries) {
    }

    @Test
    void printedModelParsesBackToTheSameModel() {
        Seeded.check(300, UnitSyntaxPropertiesTest::wellFormedUnit, unit -> {
            String printed = UnitPrinter.print(unit);
            UnitFile parsed = UnitParser.parse("round-trip", printed);
            assertThat(Shape.of(parsed)).isEqualTo(Shape.of(unit));
            assertThat(UnitPrinter.print(parsed)).isEqualTo(printed);
        });
    }

    @Test
    void anyModelIsPrintedFaithfullyOrRefused() {
        Seeded.check(300, UnitSyntaxPropertiesTest::anyUnit, unit -> {
            String printed;
            try {
                printed = UnitPrinter.print(unit);
            } catch (IllegalArgumentException refused) {
                return;
            }
            assertThat(Shape.of(UnitParser.parse("round-trip", printed))).isEqualTo(Shape.of(unit));
        });
    }

    @Test
    void fragmentSoupParsesOrFailsWithASyntaxError() {
        Seeded.check(500, UnitSyntaxPropertiesTest::fragmentSoup, UnitSyntaxPropertiesTest::parseIsStable);
    }

    @Test
    void randomBytesParseOrFailWithASyntaxError() {
        Seeded.check(300, d -> d.bytes(300), bytes -> parseIsStable(new String(bytes, StandardCharsets.UTF_8)));
    }

    /**
     * Parsing returns a unit or throws UnitSyntaxException, nothing else; a unit that parses and can
     * be printed parses back to itself (parse → print → parse is stable).
     */
    private static void parseIsStable(String text) {
        UnitFile unit;
        try {
            unit = UnitParser.parse("fuzz", text);
        } catch (UnitSyntaxException e) {
            assertThat(e.line()).isBetween(1, text.split("\n", -1).length);
            assertThat(e.file()).isEqualTo("fuzz");
            return;
        }
        String printed;
        try {
            printed = UnitPrinter.print(unit);
        } catch (IllegalArgumentException notWritable) {
            // e.g. "K=\ \" parses to a value ending in one backslash, which cannot be written back
            return;
        }
        try {
            assertThat(Shape.of(UnitParser.parse("again", printed))).isEqualTo(Shape.of(unit));
        } catch (UnitSyntaxException e) {
            throw new AssertionError("printed unit does not parse: " + printed, e);
        }
    }

    private static final List<String> FRAGMENTS = List.of(
            "[", "]", "=", "\\", "\\\\", "#", ";", "\r", "\n", "\r\n", "\0", " ", "\t", "\f",
            "[Unit]", "[Container]\n", "Key", "Image=", "After=", "value", "%i", "%%", "\"", "'",
            "é", "日本", "🚢", "\u2003", "\uFEFF", "\u0085", "\u2028", "\\\n", "# c\n", "X-");

    private static String fragmentSoup(Draw d) {
        return String.join("", d.list(60, x -> x.of(FRAGMENTS)));
    }

    private static UnitFile wellFormedUnit(Draw d) {
        Function<Draw, String> sectionName = x -> x.filtered(
                y -> y.string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_. é日", 1, 12),
                s -> SectionNames.problem(s) == null);
        Function<Draw, String> key = x -> x.filtered(
                y -> y.string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.@% é", 1, 16),
                k -> k.equals(UnitParser.stripBlanks(k)) && !k.isEmpty());
        Function<Draw, String> value = x -> x.filtered(
                y -> y.string("abcXYZ019 \t=#;[]\"'\\%$:/,.-é日🚢\u2003", 0, 30),
                UnitSyntaxPropertiesTest::isWritableValue);
        return unitOf(d, sectionName, key, value);
    }

    private static UnitFile anyUnit(Draw d) {
        Function<Draw, String> text = x -> x.string("aZ0 \t=#;[]\"'\\%\r\n\0é\u2003", 0, 12);
        return unitOf(d, text, text, text);
    }

    /** Up to five sections of up to six entries each. */
    private static UnitFile unitOf(Draw d, Function<Draw, String> names, Function<Draw, String> keys,
            Function<Draw, String> values) {
        return toUnit(d.list(5, x -> new SectionShape(names.apply(x),
                x.list(6, y -> List.of(keys.apply(y), values.apply(y))))));
    }

    private static UnitFile toUnit(List<SectionShape> shapes) {
        List<Section> sections = new ArrayList<>();
        for (SectionShape s : shapes) {
            List<Entry> entries = s.entries().stream().map(kv -> new Entry(kv.get(0), kv.get(1), "model", 0)).toList();
            sections.add(new Section(s.name(), "model", 0, entries));
        }
        return new UnitFile("model", sections);
    }

    private static boolean isWritableValue(String v) {
        if (!v.equals(UnitParser.stripBlanks(v))) {
            return false;
        }
        int backslashes = 0;
        for (int i = v.length() - 1; i >= 0 && v.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 0;
    }
}

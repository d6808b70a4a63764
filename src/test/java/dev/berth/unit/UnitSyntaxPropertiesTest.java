package dev.berth.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

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

    @Property(tries = 300)
    void printedModelParsesBackToTheSameModel(@ForAll("wellFormedUnits") UnitFile unit) throws Exception {
        String printed = UnitPrinter.print(unit);
        UnitFile parsed = UnitParser.parse("round-trip", printed);
        assertThat(Shape.of(parsed)).isEqualTo(Shape.of(unit));
        assertThat(UnitPrinter.print(parsed)).isEqualTo(printed);
    }

    @Property(tries = 300)
    void anyModelIsPrintedFaithfullyOrRefused(@ForAll("anyUnits") UnitFile unit) throws Exception {
        String printed;
        try {
            printed = UnitPrinter.print(unit);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(Shape.of(UnitParser.parse("round-trip", printed))).isEqualTo(Shape.of(unit));
    }

    @Property(tries = 500)
    void fragmentSoupParsesOrFailsWithASyntaxError(@ForAll("fragmentSoup") String text) {
        parseIsStable(text);
    }

    @Property(tries = 300)
    void randomBytesParseOrFailWithASyntaxError(@ForAll @Size(max = 300) byte[] bytes) {
        parseIsStable(new String(bytes, StandardCharsets.UTF_8));
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

    @Provide
    Arbitrary<String> fragmentSoup() {
        Arbitrary<String> fragment = Arbitraries.of(
                "[", "]", "=", "\\", "\\\\", "#", ";", "\r", "\n", "\r\n", "\0", " ", "\t", "\f",
                "[Unit]", "[Container]\n", "Key", "Image=", "After=", "value", "%i", "%%", "\"", "'",
                "é", "日本", "🚢", "\u2003", "\uFEFF", "\u0085", "\u2028", "\\\n", "# c\n", "X-");
        return fragment.list().ofMaxSize(60).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<UnitFile> wellFormedUnits() {
        Arbitrary<String> sectionName = Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_. é日")
                .ofMinLength(1).ofMaxLength(12)
                .filter(s -> SectionNames.problem(s) == null);
        Arbitrary<String> key = Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.@% é")
                .ofMinLength(1).ofMaxLength(16)
                .filter(k -> k.equals(UnitParser.stripBlanks(k)) && !k.isEmpty());
        Arbitrary<String> value = Arbitraries.strings()
                .withChars("abcXYZ019 \t=#;[]\"'\\%$:/,.-é日🚢\u2003")
                .ofMaxLength(30)
                .filter(UnitSyntaxPropertiesTest::isWritableValue);
        return unitsOf(sectionName, key, value);
    }

    @Provide
    Arbitrary<UnitFile> anyUnits() {
        Arbitrary<String> text = Arbitraries.strings()
                .withChars("aZ0 \t=#;[]\"'\\%\r\n\0é\u2003")
                .ofMaxLength(12);
        return unitsOf(text, text, text);
    }

    private static Arbitrary<UnitFile> unitsOf(Arbitrary<String> names, Arbitrary<String> keys,
            Arbitrary<String> values) {
        Arbitrary<List<List<String>>> entries = Combinators.combine(keys, values)
                .as((k, v) -> List.of(k, v)).list().ofMaxSize(6);
        Arbitrary<SectionShape> section = Combinators.combine(names, entries).as(SectionShape::new);
        return section.list().ofMaxSize(5).map(UnitSyntaxPropertiesTest::toUnit);
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

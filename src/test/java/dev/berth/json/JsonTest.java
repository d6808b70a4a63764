package dev.berth.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each variant keeps the settings its callers had when each made a mapper of its own. */
class JsonTest {

    record Point(int x) {
    }

    private static final String NEWER = "{\"x\":1,\"y\":2}";

    @Test
    void theMapperIsJacksonsDefaultCompactAndStrict() throws Exception {
        assertThat(Json.mapper().writeValueAsString(new Point(1))).isEqualTo("{\"x\":1}");
        assertThatThrownBy(() -> Json.mapper().readValue(NEWER, Point.class)).isInstanceOf(UnrecognizedPropertyException.class);
    }

    @Test
    void prettyIndents() throws Exception {
        assertThat(Json.pretty().writeValueAsString(new Point(1))).isEqualTo("{\n  \"x\" : 1\n}");
    }

    @Test
    void lenientIgnoresUnknownPropertiesAndStaysCompact() throws Exception {
        assertThat(Json.lenient().readValue(NEWER, Point.class)).isEqualTo(new Point(1));
        assertThat(Json.lenient().writeValueAsString(new Point(1))).isEqualTo("{\"x\":1}");
    }

    @Test
    void stateFilesIndentAndIgnoreUnknownProperties() throws Exception {
        assertThat(Json.stateFiles().readValue(NEWER, Point.class)).isEqualTo(new Point(1));
        assertThat(Json.stateFiles().writeValueAsString(new Point(1))).isEqualTo("{\n  \"x\" : 1\n}");
    }

    @Test
    void canonicalSortsMapEntriesAlsoInTrees() throws Exception {
        Map<String, Integer> unsorted = new LinkedHashMap<>();
        unsorted.put("b", 1);
        unsorted.put("a", 2);
        assertThat(Json.canonical().writeValueAsString(unsorted)).isEqualTo("{\"a\":2,\"b\":1}");
        assertThat(Json.mapper().writeValueAsString(Json.canonical().valueToTree(unsorted))).isEqualTo("{\"a\":2,\"b\":1}");
        assertThat(Json.mapper().writeValueAsString(unsorted)).isEqualTo("{\"b\":1,\"a\":2}");
    }

    @Test
    void noOtherMainSourceMakesAMapper() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        try (Stream<Path> files = Files.walk(main)) {
            List<Path> makers = files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("json/Json.java"))
                    .filter(p -> {
                        try {
                            String text = Files.readString(p);
                            return text.contains("new ObjectMapper(") || text.contains("JsonMapper.builder(");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
            assertThat(makers).isEmpty();
        }
    }
}

package dev.berth.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
import dev.berth.testing.Draw;
import dev.berth.testing.Seeded;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state files are written and read with jackson-core alone ({@link StateForm}); Jackson databind, which wrote
 * them before and still prints the same records ({@code status --json}), must agree with every form: the same
 * bytes for the same record, the same record from the same bytes, and the same answer (or both an error) for a
 * document another version or a person left with members missing, null, unknown or written as text.
 */
class StateFormTest {
    private static final ObjectMapper DATABIND = Json.stateFiles();
    /** Quotes, backslashes, control characters, a NUL and non-ASCII: what the generator escapes. */
    private static final String CHARS = "ab/.-_ :\"\\\n\t\u0000é\u2028€";
    private static final int TRIES = 150;

    private record Case<T>(String name, StateForm<T> form, Class<T> type, Function<Draw, T> values) {
    }

    private static List<Case<?>> cases() {
        return List.of(
                new Case<>("config.json", StateForms.CONFIG, BerthConfig.class, StateFormTest::config),
                new Case<>("applied.json", StateForms.APPLIED, AppliedState.class, StateFormTest::applied),
                new Case<>("safety.json", StateForms.SAFETY, SafetySettings.class, StateFormTest::safety),
                new Case<>("rejected.json", StateForms.REJECTED, RejectedCommit.class,
                        d -> new RejectedCommit(text(d), text(d), number(d))),
                new Case<>("last-sync.json", StateForms.LAST_SYNC, SyncReport.class, StateFormTest::report),
                new Case<>("a history entry", StateForms.DEPLOYMENT, Deployment.class, StateFormTest::deployment));
    }

    @Test
    void everyFormWritesTheBytesDatabindWritesAndReadsThemBack() {
        for (Case<?> c : cases()) {
            checkBytes(c);
        }
    }

    private static <T> void checkBytes(Case<T> c) {
        Seeded.check(TRIES, c.values(), value -> {
            byte[] databind = DATABIND.writeValueAsBytes(value);
            assertThat(new String(c.form().bytes(value), StandardCharsets.UTF_8)).as(c.name())
                    .isEqualTo(new String(databind, StandardCharsets.UTF_8));
            assertThat(c.form().value(databind)).as(c.name()).isEqualTo(value).isEqualTo(DATABIND.readValue(databind, c.type()));
        });
    }

    @Test
    void historyIsWrittenAndReadAsDatabindDoes() {
        Seeded.check(TRIES, d -> d.list(6, StateFormTest::deployment), history -> {
            byte[] databind = DATABIND.writeValueAsBytes(history);
            assertThat(new String(StateForms.DEPLOYMENT.arrayBytes(history), StandardCharsets.UTF_8))
                    .isEqualTo(new String(databind, StandardCharsets.UTF_8));
            assertThat(StateForms.DEPLOYMENT.values(databind)).isEqualTo(history);
        });
    }

    @Test
    void documentsWithMembersMissingNullUnknownOrAsTextReadAsDatabindReadsThem() {
        for (Case<?> c : cases()) {
            checkAltered(c);
        }
    }

    private static <T> void checkAltered(Case<T> c) {
        Seeded.check(TRIES, d -> {
            ObjectNode doc = DATABIND.valueToTree(c.values().apply(d));
            alter(doc, d);
            return doc.toString();
        }, doc -> {
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            Object databind;
            try {
                databind = DATABIND.readValue(bytes, c.type());
            } catch (java.io.IOException refused) {
                assertThatThrownBy(() -> c.form().value(bytes)).as(c.name() + ": databind refused it: " + refused.getMessage())
                        .isInstanceOf(java.io.IOException.class);
                return;
            }
            assertThat(c.form().value(bytes)).as(c.name()).isEqualTo(databind);
        });
    }

    /** Removes, nulls, adds or re-types members of {@code doc} and the objects in it, as another writer might. */
    private static void alter(ObjectNode doc, Draw d) {
        List<String> names = new ArrayList<>();
        doc.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode v = doc.get(name);
            switch (d.between(0, 7)) {
                case 0 -> doc.remove(name);
                case 1 -> doc.putNull(name);
                case 2 -> {
                    if (v.isBoolean() && d.bool()) {
                        doc.put(name, v.asBoolean() ? d.between(1, 3) : 0); // databind takes 0 as false, others as true
                    } else if (v.isNumber() || v.isBoolean()) {
                        doc.put(name, v.asText()); // 5 -> "5", true -> "true": databind takes both
                    }
                }
                case 3 -> {
                    if (v.isTextual() && d.bool()) {
                        doc.put(name, d.between(-5, 5)); // a number where text belongs: databind takes its text
                    } else if (v.isTextual()) {
                        doc.putObject(name).put("x", 1); // an object where text belongs: refused
                    }
                }
                default -> {
                    if (v instanceof ObjectNode inner) {
                        alter(inner, d);
                    } else if (v instanceof ArrayNode items) {
                        items.forEach(item -> {
                            if (item instanceof ObjectNode o) {
                                alter(o, d);
                            }
                        });
                    }
                }
            }
        }
        if (d.oneIn(3)) { // a member a newer Berth added
            ObjectNode later = doc.putObject("addedLater" + d.between(0, 9));
            later.putArray("list").add(1).addObject().put("deep", "yes");
            later.put("text", "t");
        }
    }

    @Test
    void aStateFileThatIsNotJsonNamesTheFileAndWhatToDo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"remote\": \"/srv/repo\", \"intervalSeconds\": \"soon\"}");
        Files.writeString(dir.resolve("history.json"), "[{\"commit\": \"a\"}, 7]");
        StateStore store = new StateStore(dir);
        assertThatThrownBy(store::config).hasMessageContaining(dir.resolve("config.json").toString())
                .hasMessageContaining("'intervalSeconds' is not a number").hasMessageContaining("run 'berth sync'");
        assertThatThrownBy(store::history).hasMessageContaining(dir.resolve("history.json").toString())
                .hasMessageContaining("[1] is not an object");
    }

    @Test
    void anAppliedStateWithoutItsFilesSaysWhichMemberIsMissing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("applied.json"), "{\"commit\": \"c\", \"units\": {}}");
        assertThatThrownBy(() -> new StateStore(dir).applied()).hasMessageContaining(dir.resolve("applied.json").toString())
                .hasMessageContaining("'files' is missing or null");
    }

    @Test
    void aWordThisBerthDoesNotKnowIsAnErrorAsInDatabind() {
        byte[] doc = "{\"commit\":\"c\",\"result\":\"ok\",\"reason\":\"teleport\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DATABIND.readValue(doc, Deployment.class)).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> StateForms.DEPLOYMENT.value(doc)).hasMessageContaining("'reason' is \"teleport\"");
    }

    private static String text(Draw d) {
        return d.oneIn(6) ? null : d.string(CHARS, 0, 10) + (d.oneIn(4) ? "😀" : ""); // a pair of surrogates, whole
    }

    private static long number(Draw d) {
        return d.of(List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 1_764_590_000_000L)) + d.between(-3, 3);
    }

    private static Map<String, String> textMembers(Draw d) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : d.list(4, x -> x.string(CHARS, 0, 6))) {
            out.put(key, text(d));
        }
        return out;
    }

    private static List<String> texts(Draw d) {
        return d.list(4, x -> x.string(CHARS, 0, 8));
    }

    private static BerthConfig config(Draw d) {
        return new BerthConfig(text(d), text(d), text(d), number(d), text(d), text(d), text(d), text(d),
                d.oneIn(5) ? null : textMembers(d));
    }

    private static AppliedState applied(Draw d) {
        Map<String, AppliedUnit> units = new LinkedHashMap<>();
        for (String key : d.list(4, x -> x.string(CHARS, 1, 8))) {
            units.put(key, new AppliedUnit(text(d), text(d), text(d), d.bool(), d.oneIn(3) ? null : texts(d)));
        }
        return new AppliedState(text(d), textMembers(d), units);
    }

    private static SafetySettings safety(Draw d) {
        return new SafetySettings(d.bool(), text(d), d.oneIn(5) ? null : texts(d), text(d));
    }

    private static SyncReport report(Draw d) {
        return new SyncReport(number(d), d.oneIn(5) ? null : d.of(List.of(SyncResult.values())), text(d), text(d),
                d.oneIn(5) ? null : d.list(3, x -> new UnitFailure(text(x), text(x), text(x), x.oneIn(3) ? null : texts(x))),
                d.oneIn(5) ? null : texts(d));
    }

    private static Deployment deployment(Draw d) {
        return new Deployment(text(d), text(d), number(d), d.oneIn(5) ? null : d.of(List.of(SyncResult.values())),
                d.oneIn(5) ? null : d.of(List.of(DeploymentReason.values())), text(d));
    }
}

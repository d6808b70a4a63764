package dev.berth.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How one kind of state file is written and read with Jackson's streaming generator and parser (jackson-core)
 * instead of Jackson databind. Why: every command that reads the state folder without a daemon (a CLI
 * {@code sync}, {@code status}, {@code plan}) paid ~0.1 s for databind in a fresh JVM: making the first
 * {@code ObjectMapper} sets up {@code java.text}'s calendar and locale data, and each record type is introspected
 * by reflection on first use. The bytes are the ones databind writes for the same record with
 * {@code INDENT_OUTPUT} (members in record order, nulls written, the enums' words), and the values read are the
 * ones databind reads ({@link JsonReading}): {@code StateFormTest} holds every form to both, so files written by
 * either read in the other.
 */
abstract class StateForm<T> implements JsonReading.ObjectForm<T> {
    /** Reads the record from the object {@code r} is at the start of. */
    @Override
    public abstract T read(JsonReading r) throws IOException;

    abstract void write(JsonGenerator g, T value) throws IOException;

    /** The file's bytes for {@code value}. */
    final byte[] bytes(T value) throws IOException {
        return generated(512, g -> write(g, value));
    }

    /** The bytes of a file holding an array of this form's objects (or nulls). */
    final byte[] arrayBytes(List<T> values) throws IOException {
        return generated(256 * (values.size() + 1), g -> {
            g.writeStartArray();
            for (T v : values) {
                writeOrNull(g, v);
            }
            g.writeEndArray();
        });
    }

    /** Writes {@code value} as this form's object, or null. */
    final void writeOrNull(JsonGenerator g, T value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            write(g, value);
        }
    }

    private interface Writing {
        void write(JsonGenerator g) throws IOException;
    }

    /** What {@code writing} generates, indented as databind's {@code INDENT_OUTPUT} does. */
    private static byte[] generated(int sizeHint, Writing writing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        try (JsonGenerator g = JsonReading.FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            writing.write(g);
        }
        return out.toByteArray();
    }

    /** The value of a document; one that is not this form's is an {@link IOException} saying why. */
    final T value(byte[] json) throws IOException {
        return refusingRuntime(() -> JsonReading.object(json, this));
    }

    /** The value of a file, as {@link #value(byte[])}. */
    final T value(Path file) throws IOException {
        return refusingRuntime(() -> JsonReading.object(file, this));
    }

    /** The values of a document holding an array of this form's objects (or nulls). */
    final List<T> values(byte[] json) throws IOException {
        return refusingRuntime(() -> JsonReading.array(json, this));
    }

    /** The values of a file, as {@link #values(byte[])}. */
    final List<T> values(Path file) throws IOException {
        return refusingRuntime(() -> JsonReading.array(file, this));
    }

    private interface Reading<R> {
        R read() throws IOException;
    }

    private static <R> R refusingRuntime(Reading<R> reading) throws IOException {
        try {
            return reading.read();
        } catch (RuntimeException e) { // a record's own check (a required map missing, as databind also refuses)
            throw new IOException("a member is missing or wrong: " + e, e);
        }
    }

    static void writeTexts(JsonGenerator g, String name, List<String> texts) throws IOException {
        if (texts == null) {
            g.writeNullField(name);
            return;
        }
        g.writeArrayFieldStart(name);
        for (String t : texts) {
            g.writeString(t);
        }
        g.writeEndArray();
    }

    static void writeTextMembers(JsonGenerator g, String name, Map<String, String> texts) throws IOException {
        if (texts == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : texts.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}

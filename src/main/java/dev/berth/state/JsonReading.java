package dev.berth.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A state file read member by member with Jackson's streaming parser (jackson-core), giving the answers Jackson
 * databind gives a record for the same document: a missing or null member is null, 0 or false; a number or
 * boolean where text is expected is read as its text, text where a number or boolean is expected is parsed, a
 * whole number where a boolean is expected is false for 0; members no record has are skipped (a downgraded Berth
 * reads what a newer one wrote). Anything else (an object where text is expected, a word that is no number) is an
 * {@link IOException} naming the member. A form reads an object as
 * {@code while (r.nextMember()) switch (r.name()) { case "a" -> a = r.text(); default -> r.skip(); }}.
 */
final class JsonReading {
    /** Jackson's factory: thread-safe once made; its parsers and generators know no types, so no databind is loaded. */
    static final JsonFactory FACTORY = new JsonFactory();

    /** Reads one object's members from the reading, positioned at its start. */
    interface ObjectForm<T> {
        T read(JsonReading r) throws IOException;
    }

    private final JsonParser p;
    private String name;

    private JsonReading(JsonParser p) {
        this.p = p;
    }

    /** The document {@code json}, which must be one object of {@code form}. */
    static <T> T object(byte[] json, ObjectForm<T> form) throws IOException {
        return object(FACTORY.createParser(json), form);
    }

    /** The file {@code json}, which must hold one object of {@code form} (read through Jackson's recycled buffers). */
    static <T> T object(Path json, ObjectForm<T> form) throws IOException {
        return object(FACTORY.createParser(json.toFile()), form);
    }

    /** The file {@code json}, which must hold one array of objects of {@code form} (or nulls). */
    static <T> List<T> array(Path json, ObjectForm<T> form) throws IOException {
        return array(FACTORY.createParser(json.toFile()), form);
    }

    /** The document {@code json}, which must be one array of objects of {@code form} (or nulls). */
    static <T> List<T> array(byte[] json, ObjectForm<T> form) throws IOException {
        return array(FACTORY.createParser(json), form);
    }

    private static <T> T object(JsonParser parser, ObjectForm<T> form) throws IOException {
        try (JsonParser p = parser) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            return form.read(new JsonReading(p));
        }
    }

    private static <T> List<T> array(JsonParser parser, ObjectForm<T> form) throws IOException {
        try (JsonParser p = parser) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not a JSON array");
            }
            return new JsonReading(p).elements("the document", form);
        }
    }

    /** Moves to the next member of the object being read, at its value; false at the object's end. */
    boolean nextMember() throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            return false;
        }
        name = p.currentName();
        p.nextToken();
        return true;
    }

    /** The name of the member {@link #nextMember} moved to. */
    String name() {
        return name;
    }

    /** Skips the member's value, whatever it is (a member no record has). */
    void skip() throws IOException {
        p.skipChildren();
    }

    String text() throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> p.getText();
            default -> throw wrong("text");
        };
    }

    long number() throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NULL -> 0;
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw wrong("a number Berth can hold (64 bits)"); // databind refuses it too
                }
                yield p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> (long) p.getDoubleValue();
            case VALUE_STRING -> {
                String s = p.getText().strip();
                try {
                    yield s.isEmpty() ? 0 : Long.parseLong(s);
                } catch (NumberFormatException e) {
                    throw wrong("a number");
                }
            }
            default -> throw wrong("a number");
        };
    }

    boolean bool() throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NULL, VALUE_FALSE -> false;
            case VALUE_TRUE -> true;
            case VALUE_NUMBER_INT -> p.getLongValue() != 0;
            case VALUE_STRING -> switch (p.getText().strip()) {
                case "true", "True", "TRUE" -> true;
                case "false", "False", "FALSE", "" -> false;
                default -> throw wrong("true or false");
            };
            default -> throw wrong("true or false");
        };
    }

    /**
     * The constant of {@code values} whose word the member holds; null when null; any other word is an error. A
     * whole number is the constant's position, as databind reads it.
     */
    <E extends Enum<E>> E word(E[] values, java.util.function.Function<E, String> word) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            long index = p.getLongValue();
            if (index < 0 || index >= values.length) {
                throw new IOException("'" + name + "' is " + index + ", which is no " + values[0].getDeclaringClass().getSimpleName());
            }
            return values[(int) index];
        }
        String text = text();
        if (text == null) {
            return null;
        }
        for (E v : values) {
            if (word.apply(v).equals(text)) {
                return v;
            }
        }
        throw new IOException("'" + name + "' is \"" + text + "\", which this Berth does not know");
    }

    /** An array of text; null when null. */
    List<String> texts() throws IOException {
        if (!opens(JsonToken.START_ARRAY, "an array")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(text());
        }
        return out;
    }

    /** An object of text members, sorted by name (as every state record keeps them); null when null. */
    SortedMap<String, String> textMembers() throws IOException {
        if (!opens(JsonToken.START_OBJECT, "an object")) {
            return null;
        }
        String member = name;
        SortedMap<String, String> out = new TreeMap<>();
        while (nextMember()) {
            out.put(name, text());
        }
        name = member; // what a later error about this member names
        return out;
    }

    /** An object whose members are objects of {@code form} (or nulls), sorted by name; null when null. */
    <T> SortedMap<String, T> objectMembers(ObjectForm<T> form) throws IOException {
        if (!opens(JsonToken.START_OBJECT, "an object")) {
            return null;
        }
        String member = name;
        SortedMap<String, T> out = new TreeMap<>();
        while (nextMember()) {
            out.put(name, nested(member, name, -1, form));
        }
        name = member;
        return out;
    }

    /** An array of objects of {@code form} (or nulls); null when null. */
    <T> List<T> objects(ObjectForm<T> form) throws IOException {
        return opens(JsonToken.START_ARRAY, "an array") ? elements(name, form) : null;
    }

    /** False at a null; true at {@code start}; anything else is an error saying the member is not {@code what}. */
    private boolean opens(JsonToken start, String what) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        if (p.currentToken() != start) {
            throw wrong(what);
        }
        return true;
    }

    private <T> List<T> elements(String where, ObjectForm<T> form) throws IOException {
        List<T> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(nested(where, null, out.size(), form));
        }
        return out;
    }

    /**
     * The object of {@code form} (or null) at the parser: member {@code key} of {@code where}, or its element
     * {@code index} when {@code key} is null. The location is spelt out only for an error (not once per unit).
     */
    private <T> T nested(String where, String key, int index, ObjectForm<T> form) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NULL -> null;
            case START_OBJECT -> {
                try {
                    yield form.read(new JsonReading(p));
                } catch (IOException e) {
                    throw new IOException(location(where, key, index) + ": " + e.getMessage(), e);
                }
            }
            default -> throw new IOException(location(where, key, index) + " is not an object");
        };
    }

    private static String location(String where, String key, int index) {
        return key != null ? where + "." + key : where + "[" + index + "]";
    }

    private IOException wrong(String expected) {
        return new IOException("'" + name + "' is not " + expected);
    }
}

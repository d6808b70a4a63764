package dev.berth.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON object of a state file as read by Jackson's streaming parser, with the typed access the state records
 * need and the answers Jackson databind gives a record for the same document: a missing or null member is null,
 * 0 or false; a number or boolean where text is expected is read as its text, text where a number or boolean is
 * expected is parsed; members no record has are ignored (a downgraded Berth reads what a newer one wrote).
 * Anything else (an object where text is expected, a word that is no number) is an {@link IOException} naming the
 * member.
 */
final class JsonMembers {
    /** Jackson's factory: thread-safe once made; parsers made from it know no types, so no databind is loaded. */
    static final JsonFactory FACTORY = new JsonFactory();

    private final Map<String, Object> members;
    private final String where;

    private JsonMembers(Map<String, Object> members, String where) {
        this.members = members;
        this.where = where;
    }

    /** The document {@code json}, which must be one object. */
    static JsonMembers parse(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            return new JsonMembers(object(p), "");
        }
    }

    /** The document {@code json}, which must be one array of objects. */
    static List<JsonMembers> parseArray(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not a JSON array");
            }
            return objects(array(p), "");
        }
    }

    String text(String name) throws IOException {
        Object v = members.get(name);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw wrong(name, "text");
    }

    /** The member when it is a whole number as written (not as text); null otherwise. */
    Long wholeNumber(String name) {
        return members.get(name) instanceof Number n && !(n instanceof Double) ? n.longValue() : null;
    }

    long number(String name) throws IOException {
        Object v = members.get(name);
        if (v == null) {
            return 0;
        }
        if (v instanceof java.math.BigInteger big && big.bitLength() > 63) {
            throw wrong(name, "a number Berth can hold (64 bits)"); // databind refuses it too
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return s.isEmpty() ? 0 : Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw wrong(name, "a number");
            }
        }
        throw wrong(name, "a number");
    }

    boolean bool(String name) throws IOException {
        Object v = members.get(name);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equals("true") || s.equals("false") || s.isEmpty())) {
            return s.equals("true");
        }
        throw wrong(name, "true or false");
    }

    /** An array of text; null when missing or null. */
    List<String> texts(String name) throws IOException {
        Object v = members.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw wrong(name, "an array");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object e : list) {
            if (e != null && !(e instanceof String) && !(e instanceof Number) && !(e instanceof Boolean)) {
                throw wrong(name, "an array of text");
            }
            out.add(e == null ? null : e.toString());
        }
        return out;
    }

    /** An object of text members, in the file's order; null when missing or null. */
    Map<String, String> textMembers(String name) throws IOException {
        Object v = members.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw wrong(name, "an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        JsonMembers inner = new JsonMembers(cast(map), path(name));
        for (String key : inner.members.keySet()) {
            out.put(key, inner.text(key));
        }
        return out;
    }

    /** An object whose members are objects, in the file's order; null when missing or null. */
    Map<String, JsonMembers> objectMembers(String name) throws IOException {
        Object v = members.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw wrong(name, "an object");
        }
        Map<String, JsonMembers> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : cast(map).entrySet()) {
            if (e.getValue() == null) {
                out.put(e.getKey(), null);
            } else if (e.getValue() instanceof Map<?, ?> inner) {
                out.put(e.getKey(), new JsonMembers(cast(inner), path(name) + "." + e.getKey()));
            } else {
                throw wrong(name + "." + e.getKey(), "an object");
            }
        }
        return out;
    }

    /** An array of objects; null when missing or null. */
    List<JsonMembers> objects(String name) throws IOException {
        Object v = members.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw wrong(name, "an array");
        }
        return objects(list, path(name));
    }

    private static List<JsonMembers> objects(List<?> list, String where) throws IOException {
        List<JsonMembers> out = new ArrayList<>(list.size());
        for (Object e : list) {
            if (e == null) {
                out.add(null);
            } else if (e instanceof Map<?, ?> map) {
                out.add(new JsonMembers(cast(map), where + "[" + out.size() + "]"));
            } else {
                throw new IOException((where.isEmpty() ? "the document" : where) + "[" + out.size() + "] is not an object");
            }
        }
        return out;
    }

    private String path(String name) {
        return where.isEmpty() ? name : where + "." + name;
    }

    private IOException wrong(String name, String expected) {
        return new IOException("'" + path(name) + "' is not " + expected);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            out.put(name, value(p)); // a repeated name keeps its last value, as databind does
        }
        return Collections.unmodifiableMap(out);
    }

    private static List<Object> array(JsonParser p) throws IOException {
        List<Object> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            out.add(value(p));
        }
        return out;
    }

    private static Object value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> array(p);
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + p.currentToken() + " at " + p.currentLocation());
        };
    }
}

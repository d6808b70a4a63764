package dev.berth.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JSON-schema fragments for tool contracts, written as maps the SDK serialises. */
final class JsonSchemas {
    private JsonSchemas() {
    }

    static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    static Map<String, Object> nullableString(String description) {
        return Map.of("type", List.of("string", "null"), "description", description);
    }

    static Map<String, Object> integer(String description, int min, int max) {
        return Map.of("type", "integer", "description", description, "minimum", min, "maximum", max);
    }

    static Map<String, Object> count(String description) {
        return Map.of("type", "integer", "description", description, "minimum", 0);
    }

    static Map<String, Object> bool(String description) {
        return Map.of("type", "boolean", "description", description);
    }

    static Map<String, Object> arrayOf(Map<String, Object> items, String description) {
        return Map.of("type", "array", "items", items, "description", description);
    }

    static Map<String, Object> objectOrNull(String description) {
        return Map.of("type", List.of("object", "null"), "description", description);
    }

    static Map<String, Object> anyObject(String description) {
        return Map.of("type", "object", "description", description);
    }

    /** An object schema; {@code properties} alternate name, schema; {@code required} names the required ones. */
    static Map<String, Object> object(List<String> required, Object... properties) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            props.put((String) properties[i], properties[i + 1]);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", props);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }

    /** The schema of a tool without arguments. */
    static Map<String, Object> noArguments() {
        return object(List.of());
    }
}

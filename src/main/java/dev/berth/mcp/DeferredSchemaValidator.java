package dev.berth.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The SDK's JSON schema validator, made when it is first needed. Building it loads the JSON Schema library and
 * its 2020-12 meta-schema (about 250 classes, 2 MiB of the daemon's memory), and the SDK asks it at server start
 * whether each tool's schemas are valid schemas. For Berth's own tools that answer is fixed in code and checked
 * by a unit test against the real validator ({@code DeferredSchemaValidatorTest}), so asking it at every start only costs
 * memory: their schemas are trusted here, by identity. Everything else goes to the real validator: the
 * arguments of every tool call, and the schemas of a declared server's tools.
 */
final class DeferredSchemaValidator implements JsonSchemaValidator {
    private final Set<Map<String, Object>> trusted = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Supplier<JsonSchemaValidator> make;
    private volatile JsonSchemaValidator real;

    /** The SDK's default validator (the one the server builder would make itself), made on first use. */
    static DeferredSchemaValidator trusting(Collection<ToolSpec> ownTools) {
        return new DeferredSchemaValidator(ownTools, McpJsonDefaults::getSchemaValidator);
    }

    DeferredSchemaValidator(Collection<ToolSpec> ownTools, Supplier<JsonSchemaValidator> make) {
        for (ToolSpec t : ownTools) {
            trusted.add(t.inputSchema());
            trusted.add(t.outputSchema());
        }
        this.make = make;
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object content) {
        return real().validate(schema, content);
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return trusted.contains(schema) ? ValidationResponse.asValid(null) : real().validateSchema(schema);
    }

    /** Whether the real validator has been made (for tests). */
    boolean made() {
        return real != null;
    }

    private JsonSchemaValidator real() {
        JsonSchemaValidator v = real;
        if (v == null) {
            synchronized (this) {
                v = real;
                if (v == null) {
                    v = make.get();
                    real = v;
                }
            }
        }
        return v;
    }
}

package dev.berth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeferredSchemaValidatorTest {
    private final List<ToolSpec> tools = new BerthMcpServer(new McpBackend(null, null, null, null, null, null),
            new ToolPolicy(true, Set.of(), Set.of()), line -> { }, "test").tools();

    /** What the SDK would check at every server start, checked here once: the daemon then trusts these schemas. */
    @Test
    void everyOwnToolSchemaIsAValidSchemaForTheSdksRealValidator() {
        JsonSchemaValidator real = McpJsonDefaults.getSchemaValidator();
        for (ToolSpec t : tools) {
            assertThat(real.validateSchema(t.inputSchema()).valid()).as(t.name() + " input").isTrue();
            assertThat(real.validateSchema(t.outputSchema()).valid()).as(t.name() + " output").isTrue();
        }
        assertThat(real.validateSchema(Map.of("type", 5)).valid()).as("the check can fail").isFalse();
    }

    @Test
    void ownSchemasAreTrustedWithoutMakingTheValidator() {
        DeferredSchemaValidator v = DeferredSchemaValidator.trusting(tools);
        for (ToolSpec t : tools) {
            v.assertConforms(t.name(), t.inputSchema());
            v.assertConforms(t.name(), t.outputSchema());
        }
        assertThat(v.made()).isFalse();
    }

    @Test
    void anyOtherSchemaAndEveryCallGoToTheRealValidator() {
        DeferredSchemaValidator v = DeferredSchemaValidator.trusting(tools);
        Map<String, Object> equalButNotOurs = new HashMap<>(tools.get(0).inputSchema());
        assertThat(v.validateSchema(Map.of("type", 5)).valid()).isFalse();
        assertThat(v.made()).isTrue();
        assertThat(v.validateSchema(equalButNotOurs).valid()).isTrue();

        DeferredSchemaValidator calls = DeferredSchemaValidator.trusting(tools);
        Map<String, Object> schema = JsonSchemas.object(List.of("unit"), "unit", JsonSchemas.string("a unit"));
        assertThat(calls.validate(schema, Map.of("unit", "a.service")).valid()).isTrue();
        assertThat(calls.validate(schema, Map.of("unit", 5)).valid()).isFalse();
        assertThat(calls.made()).isTrue();
    }
}

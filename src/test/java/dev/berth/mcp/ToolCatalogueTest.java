package dev.berth.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolCatalogueTest {
    private static final Set<String> WRITES = Set.of("sync", "rollback", "unit_start", "unit_stop", "unit_restart", "image_pull");
    private final List<String> log = new ArrayList<>();

    private BerthMcpServer server(ToolPolicy policy) {
        return new BerthMcpServer(new McpBackend(null, null, null, null, null, null), policy, log::add, "test");
    }

    @Test
    void everyToolTheIssueAsksForIsThereWithObjectSchemasAndTheRightHints() {
        BerthMcpServer s = server(ToolPolicy.readOnly());
        assertThat(s.toolNames()).containsExactlyInAnyOrder("status", "plan", "history", "validate", "sync", "rollback",
                "unit_list", "unit_show", "unit_logs", "unit_start", "unit_stop", "unit_restart", "container_list",
                "container_inspect", "container_logs", "container_stats", "image_list", "image_pull", "volume_list", "network_list");
        for (ToolSpec t : s.tools()) {
            assertThat(t.inputSchema().get("type")).as(t.name()).isEqualTo("object");
            assertThat(t.outputSchema().get("type")).as(t.name()).isEqualTo("object");
            assertThat(t.writes()).as(t.name()).isEqualTo(WRITES.contains(t.name()));
        }
        assertThat(hints(s, "unit_stop").destructive()).isTrue();
        assertThat(hints(s, "unit_start").destructive()).isFalse();
        assertThat(hints(s, "sync").openWorld()).isTrue();
        assertThat(hints(s, "plan").openWorld()).isTrue();
        assertThat(hints(s, "status").openWorld()).isFalse();
        assertThat(hints(s, "rollback").idempotent()).isFalse();
    }

    private static Hints hints(BerthMcpServer s, String name) {
        return s.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().hints();
    }

    @Test
    void readOnlyByDefaultAllowAndDenyListsNarrowTheRest() {
        assertThat(server(ToolPolicy.readOnly()).callableTools()).extracting(ToolSpec::name).doesNotContainAnyElementsOf(WRITES);
        assertThat(server(new ToolPolicy(true, Set.of(), Set.of("rollback"))).callableTools()).extracting(ToolSpec::name)
                .contains("sync", "unit_restart").doesNotContain("rollback");
        assertThat(server(new ToolPolicy(true, Set.of("status", "sync"), Set.of("sync"))).callableTools())
                .extracting(ToolSpec::name).containsExactly("status");
    }

    @Test
    void aTypoInTheListsIsAnErrorThatNamesTheTools() {
        assertThatThrownBy(() -> server(new ToolPolicy(false, Set.of("staus"), Set.of())))
                .hasMessageContaining("staus").hasMessageContaining("status");
    }

    @Test
    void aRefusedWriteIsAnErrorResultAndIsLogged() {
        BerthMcpServer s = server(ToolPolicy.readOnly());
        ToolSpec sync = s.tools().stream().filter(t -> t.name().equals("sync")).findFirst().orElseThrow();
        McpSchema.CallToolResult r = s.call(sync, null, Map.of());
        assertThat(r.isError()).isTrue();
        assertThat(((McpSchema.TextContent) r.content().get(0)).text()).contains("read-only").contains("--allow-write");
        assertThat(log).singleElement().asString().contains("refused").contains("sync");
    }

    @Test
    void aFailingOrCrashingToolIsAnErrorResultNeverAnException() {
        List<String> writes = new ArrayList<>();
        BerthMcpServer s = new BerthMcpServer(new McpBackend(null, null, null, null, null, null),
                new ToolPolicy(true, Set.of(), Set.of()), writes::add, "test");
        ToolSpec failing = new ToolSpec("x", "x", "x", JsonSchemas.noArguments(), JsonSchemas.noArguments(),
                Hints.write(false, true, false), args -> {
                    throw new ToolFailure("podman is not installed", Map.of("partial", true));
                });
        McpSchema.CallToolResult r = s.call(failing, null, Map.of());
        assertThat(r.isError()).isTrue();
        assertThat(r.structuredContent()).isEqualTo(Map.of("partial", true));
        assertThat(writes).hasSize(2).last().asString().contains("failed: podman is not installed");

        ToolSpec crashing = new ToolSpec("y", "y", "y", JsonSchemas.noArguments(), JsonSchemas.noArguments(), Hints.READ,
                args -> {
                    throw new IllegalStateException("boom");
                });
        assertThat(s.call(crashing, null, null).isError()).isTrue();
    }
}

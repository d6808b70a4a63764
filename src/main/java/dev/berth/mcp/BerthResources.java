package dev.berth.mcp;

import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import dev.berth.state.StateStore;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/** Resources: {@code berth://status} (JSON) and the deployed units' files as {@code berth://units/NAME}. */
final class BerthResources {
    static final String STATUS_URI = "berth://status";
    static final String UNIT_PREFIX = "berth://units/";

    private final McpBackend backend;
    private final ManagedUnits units;

    BerthResources(McpBackend backend) {
        this.backend = backend;
        this.units = new ManagedUnits(backend.store(), backend.layout());
    }

    SyncResourceSpecification status() {
        McpSchema.Resource r = McpSchema.Resource.builder().uri(STATUS_URI).name("status").title("Deployment status")
                .description("berth status as JSON: commits, last sync, units, drift").mimeType("application/json").build();
        return new SyncResourceSpecification(r, (exchange, request) -> {
            try {
                String json = StateStore.json().writeValueAsString(backend.status().collect());
                return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(STATUS_URI, "application/json", json)));
            } catch (java.io.IOException e) {
                throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("status unavailable: " + e.getMessage()).build();
            }
        });
    }

    SyncResourceTemplateSpecification units() {
        McpSchema.ResourceTemplate t = McpSchema.ResourceTemplate.builder().uriTemplate(UNIT_PREFIX + "{name}").name("unit")
                .title("Deployed unit file").description("A unit file Berth deployed, as installed (NAME: web.container)")
                .mimeType("text/plain").build();
        return new SyncResourceTemplateSpecification(t, (exchange, request) -> {
            String uri = request.uri();
            String name = uri.startsWith(UNIT_PREFIX) ? uri.substring(UNIT_PREFIX.length()) : "";
            try {
                AppliedState applied = units.applied();
                AppliedUnit u = ManagedUnits.find(applied, name).orElseThrow(() -> notFound(uri));
                ManagedUnits.InstalledText text = units.file(applied, u).orElseThrow(() -> notFound(uri));
                return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, "text/plain", text.text())));
            } catch (ToolFailure e) {
                throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message(e.getMessage()).build();
            }
        });
    }

    private static McpError notFound(String uri) {
        return McpError.RESOURCE_NOT_FOUND.apply(uri);
    }
}

package dev.berth.mcp.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.host.AtomicFileWriter;
import dev.berth.json.Json;
import dev.berth.host.StateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The MCP endpoint's view of the declared servers, kept in the state folder so {@code berth status} (another
 * process) can show it. Written atomically; a missing file means no endpoint has run.
 */
public final class GatewayStatusFile {
    public static final String NAME = "mcp-gateway.json";
    private static final ObjectMapper JSON = Json.lenient();

    private GatewayStatusFile() {
    }

    public static void write(Path stateDir, List<McpServerStatus> servers) throws IOException {
        new StateFiles(stateDir).write(NAME, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(servers));
    }

    /** The last written view; empty when there is none or it cannot be read (status must never fail on it). */
    public static List<McpServerStatus> read(Path stateDir) {
        try {
            return JSON.readValue(Files.readAllBytes(stateDir.resolve(NAME)), new TypeReference<List<McpServerStatus>>() { });
        } catch (IOException e) { // missing included
            return List.of();
        }
    }
}

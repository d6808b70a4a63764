package dev.berth.mcp.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.repo.Sha256;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The downstream tool definitions a repository has pinned: for each server, each tool's name and the
 * sha256 of its definition (name, title, description, input and output schema, annotations). Written by
 * {@code berth mcp lock} into {@value #FILE} at the repository's root and committed, so a server that
 * changes a tool's description or schema (a "rug pull") has that tool withheld until a new commit
 * updates the lock: the tool list changes only through git.
 *
 * @param servers server name → downstream tool name → {@code sha256:HEX}
 */
public record McpLock(Map<String, Map<String, String>> servers) {

    public static final String FILE = "mcp.lock";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final List<String> DEFINITION = List.of("name", "title", "description", "inputSchema",
            "outputSchema", "annotations");

    public McpLock {
        TreeMap<String, Map<String, String>> copy = new TreeMap<>();
        servers.forEach((server, tools) -> copy.put(server, java.util.Collections.unmodifiableMap(new TreeMap<>(tools))));
        servers = java.util.Collections.unmodifiableMap(copy);
    }

    public static McpLock empty() {
        return new McpLock(Map.of());
    }

    /** The lock in a checkout; an empty lock when the repository has none. */
    public static McpLock read(Path root) throws IOException {
        Path file = root.resolve(FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return empty();
        }
        return parse(text);
    }

    /** @throws IOException naming what is wrong, for {@code FILE: message} */
    public static McpLock parse(String text) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("not JSON (" + e.getOriginalMessage() + " at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + "): regenerate it with berth mcp lock");
        }
        if (root == null || !root.isObject() || !root.path("servers").isObject()) {
            throw new IOException("expected {\"version\": 1, \"servers\": {SERVER: {TOOL: \"sha256:...\"}}}:"
                    + " regenerate it with berth mcp lock");
        }
        if (root.path("version").asInt(0) != 1) {
            throw new IOException("unsupported lock version " + root.path("version") + " (this Berth reads version 1)");
        }
        Map<String, Map<String, String>> servers = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("servers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> server = it.next();
            if (!server.getValue().isObject()) {
                throw new IOException("servers." + server.getKey() + " is not an object of tool hashes");
            }
            Map<String, String> tools = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> t = server.getValue().fields(); t.hasNext(); ) {
                Map.Entry<String, JsonNode> tool = t.next();
                String hash = tool.getValue().asText("");
                if (!hash.matches("sha256:[0-9a-f]{64}")) {
                    throw new IOException("servers." + server.getKey() + "." + tool.getKey() + " is not a sha256:HEX hash");
                }
                tools.put(tool.getKey(), hash);
            }
            servers.put(server.getKey(), tools);
        }
        return new McpLock(servers);
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.set("servers", JSON.valueToTree(servers));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This lock with one server's entry replaced by the given live tool definitions. */
    public McpLock with(String server, Collection<McpSchema.Tool> tools) {
        Map<String, Map<String, String>> copy = new TreeMap<>(servers);
        Map<String, String> hashes = new TreeMap<>();
        tools.forEach(t -> hashes.put(t.name(), hash(t)));
        copy.put(server, hashes);
        return new McpLock(copy);
    }

    /** Why this live tool may not be served, or null when the lock pins exactly this definition. */
    public String refusal(String server, McpSchema.Tool tool) {
        Map<String, String> tools = servers.get(server);
        if (tools == null) {
            return "server '" + server + "' has no entry in " + FILE + ": run berth mcp lock and commit the file";
        }
        String pinned = tools.get(tool.name());
        if (pinned == null) {
            return "tool '" + tool.name() + "' is new (not in " + FILE + "): run berth mcp lock and commit the file to serve it";
        }
        if (!pinned.equals(hash(tool))) {
            return "the definition of '" + tool.name() + "' differs from " + FILE + " (description, schema or annotations"
                    + " changed): withheld until a commit updates the lock";
        }
        return null;
    }

    /** sha256 over the tool's definition as canonical JSON (keys sorted at every level). */
    public static String hash(McpSchema.Tool tool) {
        ObjectNode full = JSON.valueToTree(tool);
        ObjectNode definition = JSON.createObjectNode();
        for (String key : DEFINITION) {
            JsonNode v = full.get(key);
            if (v != null && !v.isNull()) {
                definition.set(key, v);
            }
        }
        try {
            String canonical = JSON.writeValueAsString(JSON.treeToValue(definition, Object.class));
            return "sha256:" + Sha256.of(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

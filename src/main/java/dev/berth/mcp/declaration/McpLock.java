package dev.berth.mcp.declaration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.Json;
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
 * updates the lock: the tool list changes only through git. Prompts are text an assistant follows, so they
 * are pinned the same way (name, title, description, arguments) in {@code "prompts"}; a lock written before
 * Berth pinned prompts has no such entry, and those servers' prompts are withheld until it is made again.
 *
 * @param servers server name → downstream tool name → {@code sha256:HEX}
 * @param prompts server name → downstream prompt name → {@code sha256:HEX}; a server missing here has no prompts pinned
 */
public record McpLock(Map<String, Map<String, String>> servers, Map<String, Map<String, String>> prompts) {

    public static final String FILE = "mcp.lock";
    private static final List<String> DEFINITION = List.of("name", "title", "description", "inputSchema",
            "outputSchema", "annotations");
    private static final List<String> PROMPT_DEFINITION = List.of("name", "title", "description", "arguments");

    public McpLock {
        servers = sortedCopy(servers);
        prompts = sortedCopy(prompts);
    }

    /** A lock of tools only (as written before prompts were pinned). */
    public McpLock(Map<String, Map<String, String>> servers) {
        this(servers, Map.of());
    }

    private static Map<String, Map<String, String>> sortedCopy(Map<String, Map<String, String>> byServer) {
        TreeMap<String, Map<String, String>> copy = new TreeMap<>();
        byServer.forEach((server, hashes) -> copy.put(server, java.util.Collections.unmodifiableMap(new TreeMap<>(hashes))));
        return java.util.Collections.unmodifiableMap(copy);
    }

    public static McpLock empty() {
        return new McpLock(Map.of(), Map.of());
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
            root = json().readTree(text);
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
        JsonNode prompts = root.path("prompts");
        if (!prompts.isMissingNode() && !prompts.isObject()) {
            throw new IOException("prompts is not an object {SERVER: {PROMPT: \"sha256:...\"}}: regenerate it with berth mcp lock");
        }
        return new McpLock(hashes(root.path("servers"), "servers", "tool"), hashes(prompts, "prompts", "prompt"));
    }

    private static Map<String, Map<String, String>> hashes(JsonNode byServer, String section, String what) throws IOException {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = byServer.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> server = it.next();
            if (!server.getValue().isObject()) {
                throw new IOException(section + "." + server.getKey() + " is not an object of " + what + " hashes");
            }
            Map<String, String> named = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> t = server.getValue().fields(); t.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = t.next();
                String hash = entry.getValue().asText("");
                if (!hash.matches("sha256:[0-9a-f]{64}")) {
                    throw new IOException(section + "." + server.getKey() + "." + entry.getKey() + " is not a sha256:HEX hash");
                }
                named.put(entry.getKey(), hash);
            }
            out.put(server.getKey(), named);
        }
        return out;
    }

    public String toJson() {
        ObjectNode root = json().createObjectNode();
        root.put("version", 1);
        root.set("servers", json().valueToTree(servers));
        root.set("prompts", json().valueToTree(prompts));
        try {
            return json().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This lock with one server's entry replaced by the given live tool definitions (its prompts left as they are). */
    public McpLock with(String server, Collection<McpSchema.Tool> tools) {
        Map<String, Map<String, String>> copy = new TreeMap<>(servers);
        Map<String, String> hashes = new TreeMap<>();
        tools.forEach(t -> hashes.put(t.name(), hash(t)));
        copy.put(server, hashes);
        return new McpLock(copy, prompts);
    }

    /** This lock with one server's tools and prompts replaced by the given live definitions. */
    public McpLock with(String server, Collection<McpSchema.Tool> tools, Collection<McpSchema.Prompt> livePrompts) {
        Map<String, Map<String, String>> copy = new TreeMap<>(prompts);
        Map<String, String> hashes = new TreeMap<>();
        livePrompts.forEach(p -> hashes.put(p.name(), hash(p)));
        copy.put(server, hashes);
        return new McpLock(with(server, tools).servers, copy);
    }

    /** Why this live prompt may not be served, or null when the lock pins exactly this definition. */
    public String refusal(String server, McpSchema.Prompt prompt) {
        Map<String, String> pinned = prompts.get(server);
        if (pinned == null) {
            return "prompt '" + prompt.name() + "': server '" + server + "' has no prompts pinned in " + FILE
                    + " (a lock made before Berth pinned prompts, or no entry): run berth mcp lock and commit the file to serve them";
        }
        String hash = pinned.get(prompt.name());
        if (hash == null) {
            return "prompt '" + prompt.name() + "' is new (not in " + FILE + "): run berth mcp lock and commit the file to serve it";
        }
        if (!hash.equals(hash(prompt))) {
            return "the definition of prompt '" + prompt.name() + "' differs from " + FILE + " (description or arguments"
                    + " changed): withheld until a commit updates the lock";
        }
        return null;
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
        return hash(json().valueToTree(tool), DEFINITION);
    }

    /** sha256 over the prompt's definition as canonical JSON. */
    public static String hash(McpSchema.Prompt prompt) {
        return hash(json().valueToTree(prompt), PROMPT_DEFINITION);
    }

    private static String hash(ObjectNode full, List<String> keys) {
        ObjectNode definition = json().createObjectNode();
        for (String key : keys) {
            JsonNode v = full.get(key);
            if (v != null && !v.isNull()) {
                definition.set(key, v);
            }
        }
        try {
            String canonical = json().writeValueAsString(json().treeToValue(definition, Object.class));
            return "sha256:" + Sha256.of(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Databind, made on first use: a repository without a lock file (most) is checked without it. */
    private static ObjectMapper json() {
        return Json.canonical();
    }
}

package dev.berth.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One open MCP session of the official TypeScript SDK client (src/it/node/session.mjs) with Berth's HTTP
 * endpoint, run in the test host's network namespace: the test lists and calls tools in it while it
 * changes the host, and reads how many {@code notifications/tools/list_changed} the client received.
 */
final class NodeSession implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Writer in;
    private final BufferedReader out;
    private final File err;

    private NodeSession(Process process, File err) {
        this.process = process;
        this.err = err;
        this.in = process.outputWriter(StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static NodeSession open(int leaderPid, int port, String token) throws IOException {
        File err = File.createTempFile("mcp-session", ".err");
        Process p = new ProcessBuilder("nsenter", "-t", Integer.toString(leaderPid), "-n", "node", "session.mjs",
                "http://127.0.0.1:" + port + "/mcp", token)
                .directory(NodeClient.DIR.toFile()).redirectError(err).start();
        return new NodeSession(p, err);
    }

    /** tools/list: {"tools":[{name, description, annotations}], "listChanged": N}. */
    JsonNode list() throws Exception {
        ObjectNode cmd = JSON.createObjectNode().put("op", "list");
        return send(cmd);
    }

    List<String> toolNames() throws Exception {
        List<String> names = new ArrayList<>();
        list().path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    /** tools/call: {"ok":true,"result":{...}} or {"ok":false,"code":C,"message":M}, with "listChanged". */
    JsonNode call(String tool, String argsJson) throws Exception {
        ObjectNode cmd = JSON.createObjectNode().put("op", "call").put("tool", tool);
        cmd.set("args", JSON.readTree(argsJson));
        return send(cmd);
    }

    /** prompts/list, then resources/list: the names and URIs. */
    List<String> promptNames() throws Exception {
        List<String> names = new ArrayList<>();
        send(JSON.createObjectNode().put("op", "prompts")).path("prompts").forEach(n -> names.add(n.asText()));
        return names;
    }

    List<String> resourceUris() throws Exception {
        List<String> uris = new ArrayList<>();
        send(JSON.createObjectNode().put("op", "resources")).path("resources").forEach(n -> uris.add(n.asText()));
        return uris;
    }

    /** prompts/get: {"ok":true,"result":{messages...}} or {"ok":false,...}. */
    JsonNode prompt(String name) throws Exception {
        return send(JSON.createObjectNode().put("op", "prompt").put("name", name));
    }

    /** resources/read: {"ok":true,"result":{contents...}} or {"ok":false,...}. */
    JsonNode read(String uri) throws Exception {
        return send(JSON.createObjectNode().put("op", "read").put("uri", uri));
    }

    private JsonNode send(ObjectNode cmd) throws Exception {
        in.write(JSON.writeValueAsString(cmd) + "\n");
        in.flush();
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String reply;
        try {
            reply = line.get(90, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the MCP session gave no reply to " + cmd + " in 90 s\n" + stderr());
        }
        if (reply == null) {
            throw new AssertionError("the MCP session ended (exit " + process.waitFor() + ") on " + cmd + "\n" + stderr());
        }
        return JSON.readTree(reply);
    }

    String stderr() throws IOException {
        return Files.readString(err.toPath(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        try {
            if (process.isAlive()) {
                in.write("{\"op\":\"close\"}\n");
                in.flush();
                in.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        err.delete();
    }
}

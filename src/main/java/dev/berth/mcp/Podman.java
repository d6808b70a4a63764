package dev.berth.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.host.ProcessResult;
import dev.berth.host.ProcessRunner;
import dev.berth.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The podman CLI calls the MCP tools make: a fixed set of subcommands, never a caller-chosen command line. */
final class Podman {
    private static final ObjectMapper JSON = Json.mapper();
    private static final Duration QUICK = Duration.ofSeconds(30);

    private final ProcessRunner runner;

    Podman(ProcessRunner runner) {
        this.runner = runner;
    }

    /** Runs {@code podman ARGS} and parses its JSON output. */
    JsonNode json(List<String> args) throws ToolFailure {
        String out = text(args, QUICK);
        try {
            return out.isBlank() ? JSON.createArrayNode() : JSON.readTree(out);
        } catch (java.io.IOException e) {
            throw new ToolFailure("podman " + String.join(" ", args) + " gave output that is not JSON: " + e.getMessage());
        }
    }

    String text(List<String> args, Duration timeout) throws ToolFailure {
        List<String> command = new ArrayList<>();
        command.add("podman");
        command.addAll(args);
        ProcessResult r = runner.run(command, timeout);
        if (r.timedOut()) {
            throw new ToolFailure("podman " + args.get(0) + " did not finish within " + timeout.toSeconds() + " s");
        }
        if (!r.ok()) {
            throw new ToolFailure("podman " + String.join(" ", args) + " failed (exit " + r.exitCode() + "): " + r.message());
        }
        return r.stdout();
    }

    /** Logs mix stdout and stderr of the container; podman writes each to its own stream. */
    List<String> logs(String container, int lines) throws ToolFailure {
        ProcessResult r = runner.run(List.of("podman", "logs", "--tail", Integer.toString(lines), "--", container), QUICK);
        if (!r.ok()) {
            throw new ToolFailure("podman logs " + container + " failed: " + r.message());
        }
        List<String> out = new ArrayList<>(r.stdout().lines().toList());
        out.addAll(r.stderr().lines().toList());
        return out.size() > lines ? out.subList(out.size() - lines, out.size()) : out;
    }
}

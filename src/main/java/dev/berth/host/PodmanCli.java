package dev.berth.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Podman} through the {@code podman} command of the user Berth runs as: root's storage on a rootful
 * host, the user's own on a rootless one (podman picks it, so no command here differs between the two).
 */
public final class PodmanCli implements Podman {
    private static final Duration SECRET_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PS_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REMOVE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);
    private static final String VERSION_COMMAND = "'podman version --format json'";
    private static final Map<PodmanListing, List<String>> LISTINGS = new EnumMap<>(Map.of(
            PodmanListing.CONTAINERS, List.of("ps", "--all", "--format", "json"),
            PodmanListing.IMAGES, List.of("images", "--format", "json"),
            PodmanListing.VOLUMES, List.of("volume", "ls", "--format", "json"),
            PodmanListing.NETWORKS, List.of("network", "ls", "--format", "json")));

    private final ProcessRunner runner;

    public PodmanCli(ProcessRunner runner) {
        this.runner = runner;
    }

    private ProcessResult podman(Duration timeout, List<String> args) {
        return runner.run(command(args), timeout);
    }

    private static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add("podman");
        command.addAll(args);
        return command;
    }

    @Override
    public void createSecret(String name, byte[] value) throws HostException {
        // "-" reads the value from stdin: never argv (visible in ps), the environment or a file
        ProcessResult r = runner.run(command(List.of("secret", "create", "--replace", name, "-")), value, SECRET_TIMEOUT);
        if (r.exitCode() != 0) {
            throw new HostException("podman could not create the secret '" + name + "': " + r.stderr().strip());
        }
    }

    @Override
    public boolean secretExists(String name) {
        return podman(SECRET_TIMEOUT, List.of("secret", "exists", name)).exitCode() == 0;
    }

    @Override
    public void removeSecret(String name) throws HostException {
        if (!secretExists(name)) {
            return;
        }
        ProcessResult r = podman(SECRET_TIMEOUT, List.of("secret", "rm", name));
        if (r.exitCode() != 0) {
            throw new HostException("podman could not remove the secret '" + name + "': " + r.stderr().strip());
        }
    }

    @Override
    public Optional<String> runningContainerOf(String systemdUnit) {
        ProcessResult ps = podman(HEALTH_TIMEOUT, List.of("ps", "-q", "--no-trunc",
                "--filter", "label=PODMAN_SYSTEMD_UNIT=" + systemdUnit));
        return ps.ok() ? ps.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst() : Optional.empty();
    }

    @Override
    public HealthCheckRun runHealthCheck(String containerId) {
        ProcessResult check = podman(HEALTH_TIMEOUT, List.of("healthcheck", "run", containerId));
        return new HealthCheckRun(check.ok(), check.exitCode(), check.stdout() + " " + check.stderr());
    }

    @Override
    public Map<String, ContainerHealthState> healthBySystemdUnit() throws HostException {
        ProcessResult r = podman(PS_TIMEOUT, List.of("ps", "--format", "json"));
        if (!r.ok()) {
            throw new HostException("podman ps failed: " + r.message());
        }
        try {
            return healthByUnit(r.stdout());
        } catch (IOException e) {
            throw new HostException("podman ps gave output that is not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The health of each container in {@code podman ps --format json}'s array that carries the label
     * {@code PODMAN_SYSTEMD_UNIT}, read with jackson-core's streaming parser: only {@code Labels} and {@code Status}
     * of each container are looked at, and a CLI {@code status} makes no databind mapper for it (~40 ms of its start).
     */
    static Map<String, ContainerHealthState> healthByUnit(String psJson) throws IOException {
        Map<String, ContainerHealthState> out = new HashMap<>();
        try (JsonParser p = STREAMING.createParser(psJson)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return out; // nothing printed: no container
            }
            if (first != JsonToken.START_ARRAY) {
                throw new IOException("not an array of containers");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String unit = null;
                String status = "";
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (name.equals("Status") && value == JsonToken.VALUE_STRING) {
                        status = p.getText();
                    } else if (name.equals("Labels") && value == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String label = p.currentName();
                            if (p.nextToken().isScalarValue() && label.equals("PODMAN_SYSTEMD_UNIT")
                                    && p.currentToken() != JsonToken.VALUE_NULL) {
                                unit = p.getText();
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                if (unit != null) {
                    out.put(unit, ContainerHealthState.ofStatus(status));
                }
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw new IOException("not an array of containers");
            }
        }
        return out;
    }

    @Override
    public String clientVersion() throws HostException {
        ProcessResult r = podman(QUERY_TIMEOUT, List.of("version", "--format", "json"));
        if (!r.ok()) {
            throw new HostException("cannot ask Podman for its version (" + VERSION_COMMAND + "): " + r.message());
        }
        try {
            return json().readTree(r.stdout()).path("Client").path("Version").asText();
        } catch (IOException e) {
            throw new HostException("cannot read the output of " + VERSION_COMMAND + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<LocalImage> inspectImage(String tag) {
        ProcessResult r = podman(QUERY_TIMEOUT, List.of("image", "inspect", "--format", "{{.Id}} {{.Digest}}", tag));
        if (!r.ok()) {
            return Optional.empty();
        }
        String[] parts = r.stdout().strip().split("\\s+");
        return Optional.of(new LocalImage(parts[0], parts.length > 1 ? parts[1] : ""));
    }

    @Override
    public void removeImage(String reference) throws HostException {
        remove(List.of("rmi", "--force", reference));
    }

    @Override
    public void removeVolume(String name) throws HostException {
        remove(List.of("volume", "rm", "--force", name));
    }

    private void remove(List<String> args) throws HostException {
        ProcessResult r = podman(REMOVE_TIMEOUT, args);
        if (!r.ok() && !r.message().contains("no such")) {
            throw new HostException(r.message());
        }
    }

    @Override
    public JsonNode list(PodmanListing kind) throws HostException {
        return json(LISTINGS.get(kind));
    }

    @Override
    public JsonNode inspectContainer(String container) throws HostException {
        return json(List.of("container", "inspect", "--", container));
    }

    @Override
    public JsonNode stats(Optional<String> container) throws HostException {
        List<String> args = new ArrayList<>(List.of("stats", "--no-stream", "--format", "json"));
        container.ifPresent(c -> args.addAll(List.of("--", c)));
        return json(args);
    }

    @Override
    public List<String> logs(String container, int lines) throws HostException {
        ProcessResult r = podman(QUERY_TIMEOUT, List.of("logs", "--tail", Integer.toString(lines), "--", container));
        if (!r.ok()) {
            throw new HostException("podman logs " + container + " failed: " + r.message());
        }
        // podman writes the container's stdout and stderr each to its own stream
        List<String> out = new ArrayList<>(r.stdout().lines().toList());
        out.addAll(r.stderr().lines().toList());
        return out.size() > lines ? out.subList(out.size() - lines, out.size()) : out;
    }

    @Override
    public String pull(String image) throws HostException {
        String[] lines = text(List.of("pull", "--quiet", "--", image), PULL_TIMEOUT).strip().split("\n");
        return lines[lines.length - 1];
    }

    @Override
    public Process startAttached(List<String> runArguments) throws IOException {
        return new ProcessBuilder(command(runArguments)).start();
    }

    private JsonNode json(List<String> args) throws HostException {
        String out = text(args, QUERY_TIMEOUT);
        try {
            return out.isBlank() ? json().createArrayNode() : json().readTree(out);
        } catch (IOException e) {
            throw new HostException("podman " + String.join(" ", args) + " gave output that is not JSON: " + e.getMessage(), e);
        }
    }

    private String text(List<String> args, Duration timeout) throws HostException {
        ProcessResult r = podman(timeout, args);
        if (r.timedOut()) {
            throw new HostException("podman " + args.get(0) + " did not finish within " + timeout.toSeconds() + " s");
        }
        if (!r.ok()) {
            throw new HostException("podman " + String.join(" ", args) + " failed (exit " + r.exitCode() + "): " + r.message());
        }
        return r.stdout();
    }

    /** jackson-core's parser factory, for the outputs read as a stream; no databind is loaded for it. */
    private static final JsonFactory STREAMING = new JsonFactory();

    /** Databind, made on first use: a process that never asks podman for JSON (a CLI sync) does not make it. */
    private static ObjectMapper json() {
        return dev.berth.json.Json.mapper();
    }
}

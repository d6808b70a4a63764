package dev.berth.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.json.Json;
import dev.berth.status.ContainerHealth;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads container health from {@code podman ps}: quadlet labels every container with the systemd unit
 * that runs it ({@code PODMAN_SYSTEMD_UNIT}), which is how a container is tied back to a Berth unit.
 */
public final class PodmanContainerHealth implements ContainerHealth {
    private static final ObjectMapper JSON = Json.mapper();
    private final ProcessRunner runner;

    public PodmanContainerHealth(ProcessRunner runner) {
        this.runner = runner;
    }

    @Override
    public Map<String, String> bySystemdUnit() {
        ProcessResult r = runner.run(List.of("podman", "ps", "--format", "json"), Duration.ofSeconds(20));
        Map<String, String> out = new HashMap<>();
        if (!r.ok()) {
            return out;
        }
        try {
            for (JsonNode c : JSON.readTree(r.stdout())) {
                String unit = c.path("Labels").path("PODMAN_SYSTEMD_UNIT").asText(null);
                String status = c.path("Status").asText("");
                if (unit == null) {
                    continue;
                }
                String health = status.contains("(healthy)") ? "healthy"
                        : status.contains("(unhealthy)") ? "unhealthy"
                        : status.contains("(starting)") ? "starting" : "no healthcheck";
                out.put(unit, health);
            }
        } catch (java.io.IOException e) {
            return out;
        }
        return out;
    }
}

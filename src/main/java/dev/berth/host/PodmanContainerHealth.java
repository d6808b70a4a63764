package dev.berth.host;

import java.util.HashMap;
import java.util.Map;

/** {@link ContainerHealth} as Podman reports it; nothing when Podman cannot say (status shows no health then). */
public final class PodmanContainerHealth implements ContainerHealth {
    private final PodmanHealthChecks podman;

    public PodmanContainerHealth(PodmanHealthChecks podman) {
        this.podman = podman;
    }

    @Override
    public Map<String, String> bySystemdUnit() {
        Map<String, String> out = new HashMap<>();
        try {
            podman.healthBySystemdUnit().forEach((unit, health) -> out.put(unit, health.text()));
        } catch (HostException e) {
            return Map.of();
        }
        return out;
    }
}

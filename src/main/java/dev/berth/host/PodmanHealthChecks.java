package dev.berth.host;

import java.util.Map;
import java.util.Optional;

/**
 * Health of the containers quadlet runs: quadlet labels every container with the systemd unit that runs
 * it ({@code PODMAN_SYSTEMD_UNIT}), which is how a container is tied back to a Berth unit.
 */
public interface PodmanHealthChecks {

    /** The id of a running container of {@code systemdUnit}; empty when none runs (or podman could not say). */
    Optional<String> runningContainerOf(String systemdUnit);

    /** Runs the container's health check once, now. */
    HealthCheckRun runHealthCheck(String containerId);

    /** The health of every running container that a systemd unit runs, by that unit. */
    Map<String, ContainerHealthState> healthBySystemdUnit() throws HostException;
}

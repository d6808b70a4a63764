package dev.berth.status;

/**
 * A managed unit as the host runs it right now.
 *
 * @param health container health from Podman ("healthy", "unhealthy", "starting"), or null
 */
public record UnitState(String unit, String systemdName, String activeState, String subState, String result,
                        boolean autoStart, String health) {
}

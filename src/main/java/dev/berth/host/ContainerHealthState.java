package dev.berth.host;

/** A running container's health, as {@code podman ps} shows it in parentheses after its status. */
public enum ContainerHealthState {
    HEALTHY("healthy"),
    UNHEALTHY("unhealthy"),
    STARTING("starting"),
    NO_HEALTHCHECK("no healthcheck");

    private final String text;

    ContainerHealthState(String text) {
        this.text = text;
    }

    /** How status and the MCP tools show it. */
    public String text() {
        return text;
    }

    /** From podman's status text, such as {@code Up 2 minutes (healthy)}. */
    static ContainerHealthState ofStatus(String status) {
        return status.contains("(healthy)") ? HEALTHY
                : status.contains("(unhealthy)") ? UNHEALTHY
                : status.contains("(starting)") ? STARTING : NO_HEALTHCHECK;
    }
}

package dev.berth.host;

/** The kinds of things Podman lists for the MCP tools. */
public enum PodmanListing {
    /** all containers, running and stopped */
    CONTAINERS,
    IMAGES,
    VOLUMES,
    NETWORKS
}

package dev.berth.mcp;

import dev.berth.host.HostLayout;
import dev.berth.host.PodmanInventory;
import dev.berth.host.Systemd;
import dev.berth.state.StateStore;
import dev.berth.status.StatusCollector;

/** The library parts the MCP tools are built on; the command line wires them for this host. */
public record McpBackend(HostLayout layout, StateStore store, Systemd systemd, PodmanInventory podman,
                         StatusCollector status, Deployments deployments) {
}

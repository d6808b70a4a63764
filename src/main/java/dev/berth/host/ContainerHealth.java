package dev.berth.host;

import java.util.Map;

/** Health-check results of the host's containers, by the systemd unit that runs them. */
@FunctionalInterface
public interface ContainerHealth {
    Map<String, String> bySystemdUnit();

    ContainerHealth NONE = Map::of;
}

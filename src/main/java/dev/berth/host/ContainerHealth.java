package dev.berth.host;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Health-check results of the host's containers, by the systemd unit that runs them. */
@FunctionalInterface
public interface ContainerHealth {
    Map<String, String> bySystemdUnit();

    /**
     * {@link #bySystemdUnit()} asked on a virtual thread of its own, so the caller can ask systemd meanwhile (each is
     * a fork that mostly waits).
     */
    default CompletableFuture<Map<String, String>> bySystemdUnitMeanwhile() {
        return CompletableFuture.supplyAsync(this::bySystemdUnit, runnable -> Thread.ofVirtual().start(runnable));
    }

    ContainerHealth NONE = Map::of;
}

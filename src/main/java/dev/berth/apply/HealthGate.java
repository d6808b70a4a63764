package dev.berth.apply;

import dev.berth.repo.RepoUnit;
import java.util.Optional;

/**
 * The last check of a rollout: a unit that started must also be healthy (where it has a health check)
 * before Berth records it.
 */
@FunctionalInterface
public interface HealthGate {

    /**
     * Waits, up to the unit's {@code HealthTimeout}, for a unit that is running to pass its health check.
     *
     * @return empty when healthy (or when the unit has no health check), else what was wrong
     */
    Optional<String> awaitHealthy(RepoUnit unit);

    /** Whether this gate has a check of its own for {@code unit}: one that passed proves the unit up, no watch needed. */
    default boolean checks(RepoUnit unit) {
        return false;
    }

    /** No health checks: a running unit counts as up (unit tests of the flow, and hosts without Podman). */
    HealthGate NONE = unit -> Optional.empty();
}

package dev.berth;

import dev.berth.apply.SyncOutcome;
import java.time.Duration;
import java.util.Optional;

/**
 * A deployment ended.
 *
 * @param outcome what it recorded; empty when it ended with an error before it could record anything
 * @param took    how long it ran, waiting for the host lock excluded
 */
public record DeploymentFinished(Optional<SyncOutcome> outcome, Duration took) {

    public boolean ok() {
        return outcome.map(SyncOutcome::ok).orElse(false);
    }
}

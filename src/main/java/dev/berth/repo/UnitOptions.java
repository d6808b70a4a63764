package dev.berth.repo;

import java.time.Duration;

/**
 * Berth's own per-unit settings, read from the {@code [X-Berth]} section (systemd and quadlet ignore
 * sections that start with {@code X-}).
 *
 * @param autoStart     false for units that something else starts (timer, socket, another unit)
 * @param self          true for the unit Berth itself runs in: restarted last, after state is saved
 * @param healthTimeout how long to wait for the unit to become active (and healthy)
 */
public record UnitOptions(boolean autoStart, boolean self, Duration healthTimeout) {

    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(60);
    public static final UnitOptions DEFAULTS = new UnitOptions(true, false, DEFAULT_HEALTH_TIMEOUT);
}

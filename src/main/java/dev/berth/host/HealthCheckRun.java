package dev.berth.host;

/**
 * One run of a container's health check.
 *
 * @param said what the check wrote, stdout then stderr
 */
public record HealthCheckRun(boolean passed, int exitCode, String said) {
}

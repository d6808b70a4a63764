package dev.berth.apply;

import dev.berth.host.HealthCheckRun;
import dev.berth.host.PodmanHealthChecks;
import dev.berth.repo.RepoUnit;
import dev.berth.unit.UnitKind;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Health of a {@code .container} with {@code HealthCmd=}: the container is found by the label quadlet puts
 * on it ({@code PODMAN_SYSTEMD_UNIT}) and its check is run with {@code podman healthcheck run} until it
 * passes or the unit's {@code HealthTimeout} runs out. Running the check ourselves, instead of waiting for
 * Podman's timer, gives an answer as soon as the container is ready whatever its {@code HealthInterval}.
 */
public final class PodmanHealthGate implements HealthGate {
    private static final int MAX_OUTPUT = 300;

    private final PodmanHealthChecks podman;
    private final Duration pollEvery;

    public PodmanHealthGate(PodmanHealthChecks podman, Duration pollEvery) {
        this.podman = podman;
        this.pollEvery = pollEvery;
    }

    /** The health command of a container unit, if it has one ({@code HealthCmd=none} turns it off). */
    static Optional<String> healthCommand(RepoUnit unit) {
        if (unit.name().kind() != UnitKind.CONTAINER) {
            return Optional.empty();
        }
        return unit.unit().value("Container", "HealthCmd")
                .filter(cmd -> !cmd.isBlank() && !cmd.strip().toLowerCase(Locale.ROOT).equals("none"));
    }

    @Override
    public boolean checks(RepoUnit unit) {
        return healthCommand(unit).isPresent();
    }

    @Override
    public Optional<String> awaitHealthy(RepoUnit unit) {
        Optional<String> command = healthCommand(unit);
        if (command.isEmpty()) {
            return Optional.empty();
        }
        Duration timeout = unit.options().healthTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last;
        do {
            last = checkOnce(unit.systemdName());
            if (last == null) {
                return Optional.empty();
            }
            sleep(pollEvery);
        } while (System.nanoTime() < deadline);
        return Optional.of(unit.systemdName() + " did not become healthy within " + timeout.toSeconds()
                + " s (HealthCmd=" + command.get() + "; last check: " + last + ")");
    }

    /** @return null when the check passed, else what the last attempt said */
    private String checkOnce(String systemdUnit) {
        Optional<String> id = podman.runningContainerOf(systemdUnit);
        if (id.isEmpty()) {
            return "no running container for " + systemdUnit;
        }
        HealthCheckRun check = podman.runHealthCheck(id.get());
        if (check.passed()) {
            return null;
        }
        String said = check.said().strip().replaceAll("\\s+", " ");
        if (said.length() > MAX_OUTPUT) {
            said = said.substring(0, MAX_OUTPUT) + "...";
        }
        return said.isEmpty() ? "exit code " + check.exitCode() : said;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

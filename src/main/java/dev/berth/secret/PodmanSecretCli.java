package dev.berth.secret;

import dev.berth.host.ProcessResult;
import dev.berth.host.ProcessRunner;
import java.time.Duration;
import java.util.List;

/** {@link PodmanSecrets} through the {@code podman secret} commands. */
public final class PodmanSecretCli implements PodmanSecrets {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final ProcessRunner runner;

    public PodmanSecretCli(ProcessRunner runner) {
        this.runner = runner;
    }

    @Override
    public void put(String name, byte[] value) throws SecretException {
        // "-" reads the value from stdin: never argv (visible in ps), the environment or a file
        ProcessResult r = runner.run(List.of("podman", "secret", "create", "--replace", name, "-"), value, TIMEOUT);
        if (r.exitCode() != 0) {
            throw new SecretException("podman could not create the secret '" + name + "': " + r.stderr().strip());
        }
    }

    @Override
    public boolean exists(String name) {
        return runner.run(List.of("podman", "secret", "exists", name), TIMEOUT).exitCode() == 0;
    }

    @Override
    public void remove(String name) throws SecretException {
        if (!exists(name)) {
            return;
        }
        ProcessResult r = runner.run(List.of("podman", "secret", "rm", name), TIMEOUT);
        if (r.exitCode() != 0) {
            throw new SecretException("podman could not remove the secret '" + name + "': " + r.stderr().strip());
        }
    }
}

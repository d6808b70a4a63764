package dev.berth.validate;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Podman's quadlet generator, run in dry-run mode over a folder of quadlets. An interface so the
 * validator's tests run without podman.
 */
public interface QuadletGenerator {

    /** Runs a dry run over {@code quadletDir}; empty when no generator is installed here. */
    Optional<DryRun> dryRun(Path quadletDir);

    /** The Podman release of the installed generator ({@code quadlet -version}); empty when none is installed or it cannot say. */
    default Optional<dev.berth.build.PodmanVersion> version() {
        return Optional.empty();
    }

    /**
     * @param command  what was run, for {@code --verbose}
     * @param exitCode the generator's exit code (non-zero when it rejected a unit); -1 if it could not run
     * @param messages what it wrote to stderr, one message a line
     */
    record DryRun(String command, int exitCode, java.util.List<String> messages) {
    }

    /** For hosts and tests without podman. */
    QuadletGenerator NONE = dir -> Optional.empty();
}

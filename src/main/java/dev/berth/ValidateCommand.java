package dev.berth;

import dev.berth.build.PodmanVersion;
import dev.berth.desired.RepositoryCheck;
import dev.berth.validate.ValidationReport;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code berth validate}: every check a deployment makes of a repository checkout, plus berth.toml's targeting
 * checked against every host it declares. The MCP validate tool gives the same answer.
 */
public final class ValidateCommand {
    private final Path dir;
    private Optional<PodmanVersion> podman = Optional.empty();

    ValidateCommand(Path dir) {
        this.dir = dir;
    }

    /** Check the quadlets as this Podman release's quadlet would (default: the installed one, else the newest known). */
    public ValidateCommand podmanVersion(PodmanVersion version) {
        podman = Optional.of(version);
        return this;
    }

    public ValidationReport call() {
        return RepositoryCheck.forThisHost(podman).check(dir);
    }
}

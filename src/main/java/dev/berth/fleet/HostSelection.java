package dev.berth.fleet;

import dev.berth.repo.DesiredState;
import dev.berth.repo.Problem;
import java.util.List;

/**
 * One host's share of a repository.
 *
 * @param host     the identity it was chosen for (berth.toml's labels for the host under its own)
 * @param desired  the units this host runs, with its per-host drop-ins, and their files
 * @param skipped  file names of the units that go to other hosts
 * @param problems errors that make this share undeployable (a unit needing one the host does not get)
 */
public record HostSelection(HostIdentity host, DesiredState desired, List<String> skipped, List<Problem> problems) {

    public HostSelection {
        skipped = List.copyOf(skipped);
        problems = List.copyOf(problems);
    }
}

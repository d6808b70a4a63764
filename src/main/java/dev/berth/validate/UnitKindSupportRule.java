package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.unit.QuadletKeys;
import java.util.List;

/**
 * A quadlet kind the Podman being checked does not know ({@code .artifact} before 5.7). Quadlet skips
 * such a file without a word, so it is a warning here, but nothing will run: its service never exists.
 */
public final class UnitKindSupportRule implements UnitRule {

    private final PodmanTarget podman;

    public UnitKindSupportRule(PodmanTarget podman) {
        this.podman = podman;
    }

    @Override
    public List<Problem> check(ScanContext scan, List<RepoUnit> units) {
        return UnitWalk.problems(units, UnitWalk.quadlets().and(u -> !QuadletKeys.kindKnown(u.name().kind(), podman.major(),
                podman.minor())), (q, out) -> {
            RepoUnit u = q.unit();
            var kind = u.name().kind();
            out.add(Problem.warning(u.path(), 0, "quadlet of Podman " + podman.version().text() + " does not know ."
                    + kind.extension() + " units (they arrived in Podman " + QuadletKeys.kindAddedIn(kind).orElse("?")
                    + ") and skips this file, so " + u.systemdName() + " will not exist: run a newer Podman, or remove it"));
        });
    }
}

package dev.berth.validate;

import dev.berth.repo.DependencyIndex;
import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.repo.UnitReference;
import dev.berth.repo.UnitReferences;
import java.util.ArrayList;
import java.util.List;

/**
 * A reference to a quadlet file the repository does not have ({@code Network=nope.network}, or
 * {@code Requires=nope.container}): quadlet would refuse the unit, or systemd would start it without what
 * it needs. References to other systemd units ({@code After=network-online.target}) may be the host's.
 */
public final class MissingReferenceRule implements ValidationRule {

    @Override
    public List<Problem> check(RepositoryScan scan) {
        DependencyIndex index = ScanIndex.of(scan);
        List<Problem> out = new ArrayList<>();
        for (RepoUnit u : scan.units()) {
            for (UnitReference ref : UnitReferences.of(u.name(), u.path(), u.unit())) {
                if (index.resolve(ref) instanceof DependencyIndex.Resolution.Missing) {
                    var e = ref.entry();
                    out.add(Problem.error(e.file(), e.line(), e.key() + "=" + e.value() + " names " + ref.target()
                            + ", which is not in the repository: add " + ref.target() + " or fix the name"));
                }
            }
        }
        return out;
    }
}

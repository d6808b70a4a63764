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
 * {@code After=} only orders, and systemd accepts ordering against a unit that does not exist: a warning.
 */
public final class MissingReferenceRule implements UnitRule {

    @Override
    public boolean readsOtherUnits() {
        return true;
    }

    @Override
    public List<Problem> check(ScanContext scan, List<RepoUnit> units) {
        DependencyIndex index = scan.index();
        List<Problem> out = new ArrayList<>();
        for (RepoUnit u : units) {
            for (UnitReference ref : UnitReferences.of(u.name(), u.path(), u.unit())) {
                if (index.resolve(ref) instanceof DependencyIndex.Resolution.Missing) {
                    var e = ref.entry();
                    String text = e.key() + "=" + e.value() + " names " + ref.target() + ", which is not in the repository";
                    if (ref.kind() == UnitReference.Kind.UNIT_DEPENDENCY && e.key().equals("After")) {
                        // ordering only: systemd orders against a unit that does not exist without complaint
                        out.add(Problem.warning(e.file(), e.line(), text + ": systemd ignores ordering against a unit that"
                                + " does not exist" + (u.name().kind().isQuadlet() ? ", but quadlet (Podman 5.5 and newer)"
                                + " refuses the unit unless the host has " + ref.target() + " in another quadlet folder" : "")
                                + "; add " + ref.target() + " or fix the name"));
                    } else {
                        out.add(Problem.error(e.file(), e.line(), text + ": add " + ref.target() + " or fix the name"));
                    }
                }
            }
        }
        return out;
    }
}

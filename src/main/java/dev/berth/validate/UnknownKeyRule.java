package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.unit.Entry;
import dev.berth.unit.QuadletKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings quadlet does not know in a quadlet's own section: usually a typo, and depending on the podman
 * version quadlet either drops the whole unit or ignores the line. A warning, since newer podman versions
 * add keys the catalogue may not list yet.
 */
public final class UnknownKeyRule implements ValidationRule {

    @Override
    public List<Problem> check(RepositoryScan scan) {
        List<Problem> out = new ArrayList<>();
        for (RepoUnit u : scan.units()) {
            var kind = u.name().kind();
            if (!kind.isQuadlet()) {
                continue;
            }
            for (Entry e : u.unit().entries(kind.mainSection())) {
                if (!QuadletKeys.isKnown(kind, kind.mainSection(), e.key())) {
                    out.add(Problem.warning(e.file(), e.line(), "'" + e.key() + "' is not a setting quadlet knows in ["
                            + kind.mainSection() + "]: check the spelling (see podman-systemd.unit(5))"));
                }
            }
        }
        return out;
    }
}

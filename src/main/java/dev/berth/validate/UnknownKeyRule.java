package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.unit.Entry;
import dev.berth.unit.QuadletKeys;
import java.util.List;

/**
 * Settings quadlet does not know in a quadlet's own section or in {@code [Quadlet]}: quadlet refuses the
 * unit ("unsupported key"), so they are errors for the Podman release being checked, which also catches
 * keys of a newer release ({@code Retry=} on Podman 5.4). For a Podman newer than Berth's key lists an
 * unknown key may be new rather than wrong, so it is only a warning there.
 */
public final class UnknownKeyRule implements UnitRule {

    private final PodmanTarget podman;

    public UnknownKeyRule(PodmanTarget podman) {
        this.podman = podman;
    }

    @Override
    public List<Problem> check(ScanContext scan, List<RepoUnit> units) {
        // a kind this Podman skips is left out: UnitKindSupportRule says so
        return UnitWalk.problems(units, u -> QuadletKeys.kindKnown(u.name().kind(), podman.major(), podman.minor()), (q, out) -> {
            var kind = q.unit().name().kind();
            for (String section : List.of(kind.mainSection(), QuadletKeys.QUADLET_SECTION)) {
                for (Entry e : q.file().entries(section)) {
                    if (!QuadletKeys.isKnown(kind, section, e.key(), podman.major(), podman.minor())) {
                        out.add(problem(e, kind, section));
                    }
                }
            }
        });
    }

    private Problem problem(Entry e, dev.berth.unit.UnitKind kind, String section) {
        String text = "'" + e.key() + "' is not a setting quadlet of Podman " + podman.version().text() + " knows in ["
                + section + "]";
        if (podman.newerThanBerthKnows()) {
            return Problem.warning(e.file(), e.line(), text.replace("quadlet of Podman " + podman.version().text(),
                    "quadlet of Podman " + QuadletKeys.NEWEST_MAJOR + "." + QuadletKeys.NEWEST_MINOR) + ": check the spelling;"
                    + " Podman " + podman.version().text() + " is newer than what Berth knows, so it may be a new setting");
        }
        String fix = QuadletKeys.addedIn(kind, e.key())
                .filter(v -> section.equals(kind.mainSection()))
                .map(v -> " (it arrived in Podman " + v + "), so quadlet refuses the unit: remove it, or run Podman " + v + " or newer")
                .orElse(", so quadlet refuses the unit: check the spelling (see podman-systemd.unit(5))");
        return Problem.error(e.file(), e.line(), text + fix);
    }
}

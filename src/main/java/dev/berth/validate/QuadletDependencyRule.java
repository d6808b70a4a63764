package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.repo.UnitReferences;
import dev.berth.unit.Entry;
import dev.berth.unit.UnitKind;
import dev.berth.unit.UnitWords;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Quadlet file names in a quadlet's {@code [Unit]} dependencies ({@code Before=db.container},
 * {@code PartOf=app.pod}). Since Podman 5.5 quadlet translates them into service names and refuses the
 * unit when it has no such quadlet; {@link MissingReferenceRule} already reports the keys that make a
 * unit need another (Requires=, Wants=, After=, ...), this rule the others. Ordering against a unit that
 * does not exist is legal in systemd, so a missing {@code Before=} target is a warning. Podman 5.4 does
 * not translate at all: systemd then knows no unit by that name, which is worth a warning.
 */
public final class QuadletDependencyRule implements UnitRule {

    /** The [Unit] keys quadlet translates (its unitDependencyKeys). */
    static final List<String> KEYS = List.of("After", "Before", "BindsTo", "Conflicts", "OnFailure", "OnSuccess", "PartOf",
            "PropagatesReloadTo", "PropagatesStopTo", "ReloadPropagatedFrom", "Requires", "Requisite",
            "StopPropagatedFrom", "Upholds", "Wants");

    private final PodmanTarget podman;

    @Override
    public boolean readsOtherUnits() {
        return true;
    }

    public QuadletDependencyRule(PodmanTarget podman) {
        this.podman = podman;
    }

    @Override
    public List<Problem> check(ScanContext scan, List<RepoUnit> units) {
        Set<String> fileNames = scan.fileNames();
        return UnitWalk.problems(units, UnitWalk.quadlets(), (q, out) -> {
            QuadletLookup unitSection = q.section("Unit");
            for (String key : KEYS) {
                for (Entry e : unitSection.all(key)) {
                    for (String target : UnitWords.split(e.value(), UnitWords.Mode.LIST)) {
                        Optional<UnitKind> kind = UnitKind.ofFileName(target).filter(this::translated);
                        if (kind.isEmpty()) {
                            continue;
                        }
                        if (!podman.atLeast(5, 5)) {
                            out.add(Problem.warning(e.file(), e.line(), key + "=" + target + ": quadlet of Podman "
                                    + podman.version().text() + " passes quadlet file names to systemd unchanged (5.5 and newer"
                                    + " translate them), and systemd knows no unit " + target + ": name its service instead"
                                    + serviceOf(target, scan)));
                        } else if (!fileNames.contains(target) && !UnitReferences.DEPENDENCY_KEYS.contains(key)) {
                            String text = key + "=" + target + " names " + target + ", which is not in the repository";
                            out.add(key.equals("Before")
                                    ? Problem.warning(e.file(), e.line(), text + ": systemd ignores ordering against a unit"
                                            + " that does not exist, but quadlet refuses the unit unless the host has " + target
                                            + " in another quadlet folder; add " + target + " or fix the name")
                                    : Problem.error(e.file(), e.line(), text + ": quadlet cannot translate it to a service"
                                            + " name and refuses the unit; add " + target + " or fix the name"));
                        }
                    }
                }
            }
        });
    }

    /** The quadlet kinds whose file names this Podman translates in [Unit] (.artifact only since 5.7). */
    private boolean translated(UnitKind kind) {
        return kind.isQuadlet() && dev.berth.unit.QuadletKeys.kindKnown(kind, podman.major(), podman.minor());
    }

    private static String serviceOf(String target, ScanContext scan) {
        return java.util.Optional.ofNullable(scan.firstByFileName().get(target))
                .map(u -> " (" + u.systemdName() + ")").orElse("");
    }
}

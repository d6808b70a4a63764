package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.unit.UnitKind;
import java.util.List;

/**
 * A {@code .kube}'s {@code SetWorkingDirectory=}: quadlet takes {@code yaml} (since Podman 5.7 only with
 * a single Yaml=) or {@code unit}, and refuses anything else.
 */
public final class KubeUnitRule implements UnitRule {

    private final PodmanTarget podman;

    public KubeUnitRule(PodmanTarget podman) {
        this.podman = podman;
    }

    @Override
    public List<Problem> check(ScanContext scan, List<RepoUnit> units) {
        return UnitWalk.problems(units, UnitWalk.withOwnSection(UnitKind.KUBE), this::check);
    }

    private void check(QuadletLookup q, List<Problem> out) {
        String set = q.value("SetWorkingDirectory");
        if (set.isEmpty() || q.words("Yaml").isEmpty()) {
            return; // nothing set, or no Yaml= at all (RequiredSettingsRule says so)
        }
        switch (WorkingDirectory.mode(set)) {
            case "yaml" -> {
                int yamls = q.words("Yaml").size();
                if (yamls > 1 && podman.atLeast(5, 7)) {
                    out.add(q.error("SetWorkingDirectory", "SetWorkingDirectory=yaml needs a single Yaml=, and this"
                            + " unit has " + yamls + ": write SetWorkingDirectory=unit, or keep one Yaml="));
                }
            }
            case "unit" -> { }
            default -> out.add(q.error("SetWorkingDirectory", "SetWorkingDirectory=" + set + " is not something a"
                    + " .kube takes: write yaml (the folder of its Yaml=) or unit (the unit's folder)"));
        }
    }
}

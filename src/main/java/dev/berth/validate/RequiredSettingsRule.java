package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.unit.UnitKind;
import java.util.ArrayList;
import java.util.List;

/**
 * What a unit cannot do without, checked after its drop-ins are merged: its own section (a
 * {@code .container} without {@code [Container]} is not a container), {@code Image=} in a
 * {@code .container} (unless {@code Rootfs=}) or {@code .image}, {@code ImageTag=} in a {@code .build},
 * {@code Yaml=} in a {@code .kube}, {@code Artifact=} in a {@code .artifact}. A {@code .network},
 * {@code .pod} or {@code .volume} needs nothing: without its section quadlet makes one with podman's
 * defaults, so a missing section is only a warning (it may be a misspelt header).
 */
public final class RequiredSettingsRule implements UnitRule {

    private static final java.util.Set<UnitKind> DEFAULTS_SUFFICE = java.util.Set.of(UnitKind.NETWORK, UnitKind.POD, UnitKind.VOLUME);

    @Override
    public List<Problem> check(ScanContext scan, List<RepoUnit> units) {
        List<Problem> out = new ArrayList<>();
        for (RepoUnit u : units) {
            UnitKind kind = u.name().kind();
            String section = kind.mainSection();
            boolean needsSection = kind.isQuadlet() || kind.isTrigger();
            if (needsSection && !u.unit().hasSection(section)) {
                if (DEFAULTS_SUFFICE.contains(kind)) {
                    out.add(Problem.warning(u.path(), 0, "has no [" + section + "] section, so quadlet makes a "
                            + kind.extension() + " with podman's defaults: check the spelling of the section header"));
                } else {
                    out.add(Problem.error(u.path(), 0, "has no [" + section + "] section: a ." + kind.extension()
                            + " unit needs one (check the spelling of the section header)"));
                }
                continue;
            }
            var unit = u.unit();
            switch (kind) {
                case CONTAINER -> {
                    if (unit.value(section, "Image").isEmpty() && unit.value(section, "Rootfs").isEmpty()) {
                        out.add(Problem.error(u.path(), sectionLine(u, section), "[Container] has no Image=: name the image to run"
                                + " (or a repository .image or .build unit)"));
                    }
                }
                case IMAGE -> {
                    if (unit.value(section, "Image").isEmpty()) {
                        out.add(Problem.error(u.path(), sectionLine(u, section), "[Image] has no Image=: name the image to pull"));
                    }
                }
                case BUILD -> {
                    if (unit.value(section, "ImageTag").isEmpty()) {
                        out.add(Problem.error(u.path(), sectionLine(u, section), "[Build] has no ImageTag=: name the image to build,"
                                + " e.g. ImageTag=localhost/" + u.name().prefix()));
                    }
                }
                case KUBE -> {
                    if (unit.values(section, "Yaml").stream().allMatch(String::isBlank)) {
                        out.add(Problem.error(u.path(), sectionLine(u, section), "[Kube] has no Yaml=: name the"
                                + " Kubernetes YAML file to play, e.g. Yaml=" + u.name().prefix() + ".yaml"));
                    }
                }
                case ARTIFACT -> {
                    if (unit.value(section, "Artifact").isEmpty()) {
                        out.add(Problem.error(u.path(), sectionLine(u, section), "[Artifact] has no Artifact=: name the"
                                + " OCI artifact to pull"));
                    }
                }
                default -> { }
            }
        }
        return out;
    }

    /** The header line of the section in the unit file itself (0 when it is only in a drop-in). */
    private static int sectionLine(RepoUnit u, String section) {
        return new QuadletLookup(u, section).sectionLine();
    }
}

package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.unit.UnitKind;
import java.util.List;

/**
 * Where a {@code .build} finds its Containerfile and context: quadlet needs {@code File=} or a context
 * ({@code SetWorkingDirectory=}, or {@code WorkingDirectory=} in [Service]); a relative {@code File=}
 * needs a working directory to be relative to; {@code SetWorkingDirectory=yaml} is for {@code .kube}
 * and {@code =file} needs {@code File=}. Before Podman 5.7 a File= starting with a systemd specifier
 * ({@code %h/...}) counts as relative.
 */
public final class BuildUnitRule implements UnitRule {

    private final PodmanTarget podman;

    public BuildUnitRule(PodmanTarget podman) {
        this.podman = podman;
    }

    @Override
    public List<Problem> check(ScanContext scan, List<RepoUnit> units) {
        return UnitWalk.problems(units, UnitWalk.withOwnSection(UnitKind.BUILD), this::check);
    }

    private void check(QuadletLookup q, List<Problem> out) {
        String set = q.value("SetWorkingDirectory");
        boolean serviceDir = !q.section("Service").value("WorkingDirectory").isEmpty();
        boolean workingDir = serviceDir;
        String context = "";
        if (!set.isEmpty()) {
            boolean relativeToSomething = true;
            switch (WorkingDirectory.mode(set)) {
                case "yaml" -> {
                    out.add(q.error("SetWorkingDirectory", "SetWorkingDirectory=yaml is for .kube units: in a .build"
                            + " write unit, file, a path or a URL"));
                    return;
                }
                case "file" -> {
                    if (q.last("File").isEmpty()) {
                        out.add(q.error("SetWorkingDirectory", "SetWorkingDirectory=file needs File= (the Containerfile"
                                + " whose folder is the context): add File=, or write SetWorkingDirectory=unit"));
                        return;
                    }
                    relativeToSomething = !q.value("File").isEmpty();
                }
                case "unit" -> { }
                default -> {
                    context = set;
                    relativeToSomething = !WorkingDirectory.isAbsolute(set);
                }
            }
            if (relativeToSomething && !WorkingDirectory.isUrl(context)) {
                if (serviceDir) {
                    context = ""; // quadlet keeps the [Service] WorkingDirectory= and drops the context
                }
                workingDir = true;
            }
        }
        String file = q.value("File");
        if (!workingDir && file.isEmpty() && context.isEmpty()) {
            out.add(q.error((String) null, "a .build needs File= (the Containerfile) or SetWorkingDirectory= (the build"
                    + " context), and quadlet refuses it with neither: add SetWorkingDirectory=unit to build in the"
                    + " unit's folder, or File="));
            return;
        }
        boolean specifier = podman.atLeast(5, 7) && WorkingDirectory.startsWithSpecifier(file);
        if (context.isEmpty() && !workingDir && !specifier && !WorkingDirectory.isAbsolute(file) && !WorkingDirectory.isUrl(file)) {
            out.add(q.error("File", "File=" + file + " is relative, so quadlet needs SetWorkingDirectory= to know what"
                    + " it is relative to: add SetWorkingDirectory=unit (the unit's folder), or give an absolute path"));
        }
    }
}

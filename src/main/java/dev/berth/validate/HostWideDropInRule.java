package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A type-wide quadlet drop-in folder ({@code container.d/}) in the repository. Quadlet looks for drop-in
 * folders in every folder of its search path, so once installed it applies to every quadlet of that type
 * on the host, not only to this repository's: a warning. A plain unit named like a dash prefix
 * ({@code systemd-.service}) with drop-ins would do the same to the host's own systemd units: an error.
 */
public final class HostWideDropInRule implements ValidationRule {

    @Override
    public List<Problem> check(RepositoryScan scan) {
        List<Problem> out = new ArrayList<>();
        TreeSet<String> folders = new TreeSet<>();
        for (RepoUnit u : scan.units()) {
            if (!u.name().kind().isQuadlet()) {
                dashPrefixFolder(u).ifPresent(out::add);
                continue;
            }
            String typeWide = u.name().kind().extension() + ".d";
            for (String d : u.dropIns()) {
                String folder = d.substring(0, d.lastIndexOf('/'));
                if (folder.equals(typeWide) || folder.endsWith("/" + typeWide)) {
                    folders.add(folder);
                }
            }
        }
        folders.stream().map(f -> Problem.warning(f, 0, "type-wide drop-ins also change every other ."
                + f.substring(f.lastIndexOf('/') + 1, f.length() - 2) + " quadlet on the host, since quadlet applies"
                + " them from any folder of its search path; prefer a drop-in folder named after the units")).forEach(out::add);
        return out;
    }

    /**
     * A plain unit's drop-ins go to {@code <unit name>.d/} in systemd's unit folder. For a unit named like
     * {@code systemd-.service} that folder is systemd's dash-prefix drop-in folder of every {@code systemd-*}
     * unit (systemd.unit(5)), journald and logind included: refused, whatever the host has now.
     */
    private static java.util.Optional<Problem> dashPrefixFolder(RepoUnit u) {
        if (u.dropIns().isEmpty() || !u.name().prefix().endsWith("-")) {
            return java.util.Optional.empty();
        }
        String folder = u.fileName() + ".d";
        return java.util.Optional.of(Problem.error(u.path(), 0, "its drop-ins would be installed in " + folder
                + "/, which systemd applies to every unit whose name starts with '" + u.name().prefix()
                + "', the host's own included: rename the unit so its name does not end in '-'"));
    }
}

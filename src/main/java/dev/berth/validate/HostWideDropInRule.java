package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import java.util.List;
import java.util.TreeSet;

/**
 * A type-wide quadlet drop-in folder ({@code container.d/}) in the repository. Quadlet looks for drop-in
 * folders in every folder of its search path, so once installed it applies to every quadlet of that type
 * on the host, not only to this repository's.
 */
public final class HostWideDropInRule implements ValidationRule {

    @Override
    public List<Problem> check(RepositoryScan scan) {
        TreeSet<String> folders = new TreeSet<>();
        for (RepoUnit u : scan.units()) {
            if (!u.name().kind().isQuadlet()) {
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
        return folders.stream().map(f -> Problem.warning(f, 0, "type-wide drop-ins also change every other ."
                + f.substring(f.lastIndexOf('/') + 1, f.length() - 2) + " quadlet on the host, since quadlet applies"
                + " them from any folder of its search path; prefer a drop-in folder named after the units")).toList();
    }
}

package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two unit files with one name in different folders (quadlet and systemd know units by file name only:
 * one would silently replace the other), and two units that become the same systemd unit
 * ({@code web.container} and {@code web.service} both make {@code web.service}).
 */
public final class DuplicateNamesRule implements ValidationRule {

    @Override
    public List<Problem> check(RepositoryScan scan) {
        List<Problem> out = new ArrayList<>();
        Map<String, String> firstByFileName = new HashMap<>();
        for (String path : scan.unitPaths()) {
            String fileName = path.substring(path.lastIndexOf('/') + 1);
            String first = firstByFileName.putIfAbsent(fileName, path);
            if (first != null) {
                out.add(Problem.error(path, 0, "has the same file name as " + first + ": units are known by file name"
                        + " alone, whatever their folder, so only one of them can be installed; rename one"));
            }
        }
        Map<String, RepoUnit> firstBySystemdName = new HashMap<>();
        for (RepoUnit u : scan.units()) {
            if (!firstByFileName.get(u.fileName()).equals(u.path())) {
                continue; // already reported as a duplicate file name
            }
            RepoUnit first = firstBySystemdName.putIfAbsent(u.systemdName(), u);
            if (first != null) {
                out.add(Problem.error(u.path(), 0, "becomes " + u.systemdName() + ", as " + first.path() + " does: rename one"
                        + (u.name().kind().isQuadlet() ? " (or set ServiceName= in [" + u.name().kind().mainSection() + "])" : "")));
            }
        }
        return out;
    }
}

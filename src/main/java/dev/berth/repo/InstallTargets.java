package dev.berth.repo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where each file of a unit goes on the host. Quadlets, their drop-ins and the files they use keep their
 * repository layout under Berth's own folder of the quadlet search path ({@code quadlet/<path>}), so
 * relative paths in them keep working. Plain systemd units go flat into systemd's unit folder, which has
 * no subfolders: {@code unit/<name>}, with their drop-ins gathered in {@code unit/<name>.d/}.
 */
final class InstallTargets {

    private InstallTargets() {
    }

    /** @param digests sha256 by repository path of the unit, its drop-ins and its supporting files */
    static List<InstalledFile> of(RepoUnit unit, Map<String, String> digests) {
        List<InstalledFile> out = new ArrayList<>();
        if (unit.name().kind().isQuadlet()) {
            add(out, InstalledFile.QUADLET_PREFIX + unit.path(), unit.path(), digests);
            for (String d : unit.dropIns()) {
                add(out, InstalledFile.QUADLET_PREFIX + d, d, digests);
            }
            for (String s : unit.supportingFiles()) {
                add(out, InstalledFile.QUADLET_PREFIX + s, s, digests);
            }
        } else {
            String base = InstalledFile.UNIT_PREFIX + unit.fileName();
            add(out, base, unit.path(), digests);
            for (String d : unit.dropIns()) {
                add(out, base + ".d/" + RepoPaths.fileName(d), d, digests);
            }
        }
        return out;
    }

    private static void add(List<InstalledFile> out, String target, String source, Map<String, String> digests) {
        String digest = digests.get(source);
        if (digest != null) {
            out.add(new InstalledFile(target, source, digest));
        }
    }
}

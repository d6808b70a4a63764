package dev.berth.apply;

import dev.berth.host.HostLayout;
import dev.berth.repo.DesiredState;
import dev.berth.repo.InstalledFile;
import dev.berth.repo.RepoUnit;
import dev.berth.state.AppliedState;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A repository may not take over a unit name the host already uses (say {@code ssh.service} or
 * {@code systemd-journald.service}): a unit of that name anywhere in systemd's unit search path, not put
 * there by Berth, is the host's. The user can hand a name over with {@code berth adopt}.
 */
final class ReservedUnitNames {
    private final List<Path> searchPath;

    /** @param searchPath systemd's unit folders (without the generator output, where quadlet units appear) */
    ReservedUnitNames(List<Path> searchPath) {
        this.searchPath = List.copyOf(searchPath);
    }

    /** systemd's unit search path for the system manager, or for a user manager when rootless (systemd.unit(5)). */
    static ReservedUnitNames forHost(HostLayout layout) {
        if (layout.rootless()) {
            return new ReservedUnitNames(List.of(layout.unitDir(), Path.of("/etc/systemd/user"), Path.of("/run/systemd/user"),
                    Path.of("/usr/local/lib/systemd/user"), Path.of("/usr/lib/systemd/user")));
        }
        return new ReservedUnitNames(List.of(layout.unitDir(), Path.of("/run/systemd/system"),
                Path.of("/usr/local/lib/systemd/system"), Path.of("/usr/lib/systemd/system"), Path.of("/lib/systemd/system")));
    }

    /**
     * @return one message per unit the repository would newly bring in under a name the host already has
     */
    List<String> refusals(DesiredState desired, AppliedState applied, Set<String> adopted) {
        List<String> out = new ArrayList<>();
        for (RepoUnit u : desired.units().values()) {
            if (applied.units().containsKey(u.fileName()) || applied.files().containsKey(InstalledFile.UNIT_PREFIX + u.fileName())
                    || adopted.contains(u.systemdName()) || adopted.contains(u.fileName())) {
                continue; // Berth's already, or handed over
            }
            for (Path dir : searchPath) {
                Path existing = dir.resolve(u.systemdName());
                if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(u.path() + ": the host already has a unit " + u.systemdName() + " (" + existing
                            + ") that Berth did not install; rename the unit in the repository, or hand it over with 'berth adopt "
                            + u.systemdName() + "'");
                    break;
                }
            }
        }
        return out;
    }
}

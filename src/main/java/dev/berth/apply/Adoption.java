package dev.berth.apply;

import dev.berth.plan.Action;
import dev.berth.plan.ActionType;
import dev.berth.plan.Plan;
import dev.berth.repo.DesiredState;
import dev.berth.repo.InstalledFile;
import dev.berth.repo.RepoUnit;
import dev.berth.state.AppliedState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Units the user handed over with {@code berth adopt}: the host's own file of that name becomes Berth's
 * when the repository first writes it, so the apply's refusal to overwrite foreign files lets it through.
 */
public final class Adoption {

    private Adoption() {
    }

    /** {@code applied} with the adopted plain-unit files this plan writes claimed (digest unknown). */
    public static AppliedState claim(Plan plan, AppliedState applied, Set<String> adopted) {
        if (adopted.isEmpty()) {
            return applied;
        }
        Map<String, String> files = new HashMap<>(applied.files());
        boolean any = false;
        for (Action a : plan.ofType(ActionType.WRITE_FILE)) {
            String target = a.subject();
            if (target.startsWith(InstalledFile.UNIT_PREFIX) && !files.containsKey(target)
                    && adopted.contains(target.substring(InstalledFile.UNIT_PREFIX.length()))) {
                files.put(target, "");
                any = true;
            }
        }
        return any ? new AppliedState(applied.commit(), files, applied.units()) : applied;
    }

    /** A host quadlet renamed to {@code file} by an adoption; it defined the systemd unit {@code unit}. */
    public record SetAside(Path file, String unit) {
    }

    /**
     * An adopted quadlet the host also has, in a folder quadlet reads before Berth's (the host's
     * {@code /etc/containers/systemd/web.container}), would keep hiding the repository's: the host's file is
     * renamed to {@code NAME.berth-adopted}, which quadlet ignores, so the repository's runs and nothing is lost.
     *
     * @return the files set aside, with the unit each defined
     */
    public static List<SetAside> setAsideShadowing(List<HostQuadlets.Found> host, DesiredState desired, Set<String> adopted) throws IOException {
        List<SetAside> moved = new ArrayList<>();
        for (RepoUnit u : desired.units().values()) {
            if (!u.name().kind().isQuadlet() || !(adopted.contains(u.fileName()) || adopted.contains(u.systemdName()))) {
                continue;
            }
            for (HostQuadlets.Found q : host) {
                if (q.winsOverBerth() && (q.name().fileName().equals(u.fileName()) || q.name().defaultSystemdName().equals(u.systemdName()))) {
                    Path aside = q.file().resolveSibling(q.file().getFileName() + ".berth-adopted");
                    Files.move(q.file(), aside, StandardCopyOption.REPLACE_EXISTING);
                    moved.add(new SetAside(aside, u.systemdName()));
                }
            }
        }
        return moved;
    }
}

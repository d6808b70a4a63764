package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.unit.Entry;
import dev.berth.unit.UnitKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Network=NAME.container} (join another container's network) that quadlet refuses: with options
 * after a colon, or naming a container whose name quadlet cannot know in advance (a template, or a
 * {@code ContainerName=} with systemd specifiers other than {@code %N}).
 */
public final class NetworkReferenceRule implements UnitRule {

    @Override
    public boolean readsOtherUnits() {
        return true;
    }

    @Override
    public List<Problem> check(ScanContext scan, List<RepoUnit> units) {
        Map<String, RepoUnit> byFileName = scan.firstByFileName();
        return UnitWalk.problems(units, UnitWalk.quadlets(), (q, out) -> {
            for (Entry e : q.all("Network")) {
                int colon = e.value().indexOf(':');
                String name = colon < 0 ? e.value() : e.value().substring(0, colon);
                if (!name.endsWith(".container")) {
                    continue;
                }
                if (colon >= 0) {
                    out.add(QuadletLookup.error(e, "Network=" + e.value() + ": quadlet takes no options when a container"
                            + " joins another container's network; write Network=" + name));
                }
                RepoUnit other = byFileName.get(name);
                if (other != null && other.name().kind() == UnitKind.CONTAINER && containerName(other).contains("%")) {
                    out.add(QuadletLookup.error(e, "Network=" + name + ": quadlet cannot know the name of the container "
                            + name + " runs (" + (other.name().isTemplate() ? "it is a template" : "its ContainerName= uses systemd specifiers")
                            + "), so it cannot join its network: give " + name + " a ContainerName= without specifiers"));
                }
            }
        });
    }

    /** The container's name as quadlet resolves it before systemd runs: only %N is replaced. */
    private static String containerName(RepoUnit container) {
        String name = new QuadletLookup(container).value("ContainerName");
        if (name.isEmpty()) {
            name = container.fileName().contains("@") ? "systemd-%p_%i" : "systemd-%N";
        }
        String service = container.systemdName().endsWith(".service")
                ? container.systemdName().substring(0, container.systemdName().length() - ".service".length())
                : container.systemdName();
        return name.replace("%N", service);
    }
}

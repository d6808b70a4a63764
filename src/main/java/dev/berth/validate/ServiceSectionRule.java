package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.unit.UnitKind;
import java.util.List;
import java.util.Set;

/**
 * {@code [Service]} settings of a quadlet that the generator refuses or warns about. A container or kube
 * service only works with {@code KillMode=mixed} or {@code control-group}, and {@code Type=notify} or
 * {@code oneshot}. {@code User=}, {@code Group=} and {@code DynamicUser=} make systemd run podman itself
 * as another user, which quadlet does not support (a warning, as in quadlet).
 */
public final class ServiceSectionRule implements UnitRule {

    private static final Set<String> KILL_MODES = Set.of("mixed", "control-group");
    private static final Set<String> TYPES = Set.of("notify", "oneshot");

    @Override
    public List<Problem> check(ScanContext scan, List<RepoUnit> units) {
        return UnitWalk.problems(units, UnitWalk.quadlets(), (q, out) -> {
            UnitKind kind = q.unit().name().kind();
            QuadletLookup service = q.section("Service");
            if (kind == UnitKind.CONTAINER || kind == UnitKind.KUBE) {
                if (service.last("KillMode").isPresent() && !KILL_MODES.contains(service.value("KillMode"))) {
                    out.add(service.error("KillMode", "KillMode=" + service.value("KillMode") + " is refused by quadlet for a ."
                            + kind.extension() + ": only mixed (the default) and control-group stop podman's processes"
                            + " cleanly; remove the line or write one of those"));
                }
                if (service.last("Type").isPresent() && !TYPES.contains(service.value("Type"))) {
                    out.add(service.error("Type", "Type=" + service.value("Type") + " is refused by quadlet for a ."
                            + kind.extension() + ": write notify (the default) or oneshot"));
                }
            }
            for (String key : List.of("User", "Group", "DynamicUser")) {
                if (service.last(key).isPresent()) {
                    out.add(service.warning(key, "[Service] " + key + "= makes systemd run podman itself as another user,"
                            + " which quadlet does not support: for the container's processes set User=/Group= in ["
                            + kind.mainSection() + "], or deploy the unit rootless"));
                }
            }
        });
    }
}

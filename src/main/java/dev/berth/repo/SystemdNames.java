package dev.berth.repo;

import dev.berth.unit.UnitFile;
import dev.berth.unit.UnitName;
import java.util.List;

/** The systemd unit a repository unit becomes. */
final class SystemdNames {

    private SystemdNames() {
    }

    /**
     * Quadlet names the service {@code ServiceName=} + {@code .service} when the kind's section sets it
     * (podman 5.5+), otherwise {@link UnitName#defaultSystemdName()}. Plain units keep their file name.
     */
    static String of(UnitName name, UnitFile unit, List<Problem> problems) {
        if (!name.kind().isQuadlet()) {
            return name.defaultSystemdName();
        }
        var entry = EffectiveEntries.single(unit, name.kind().mainSection(), "ServiceName");
        if (entry.isEmpty()) {
            return name.defaultSystemdName();
        }
        String value = entry.get().value();
        UnitName.problemWith(value + ".service").ifPresent(wrong -> problems.add(Problem.error(entry.get().file(),
                entry.get().line(), "ServiceName=" + value + ": the service would be named " + wrong)));
        if (value.endsWith(".service")) {
            problems.add(Problem.warning(entry.get().file(), entry.get().line(), "ServiceName=" + value
                    + ": quadlet appends .service itself, so this becomes " + value + ".service; write ServiceName="
                    + value.substring(0, value.length() - ".service".length())));
        }
        return value + ".service";
    }
}

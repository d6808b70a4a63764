package dev.berth.plan;

import dev.berth.repo.DesiredState;
import dev.berth.repo.InstalledFile;
import dev.berth.repo.RepoUnit;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import java.util.HashMap;
import java.util.Map;

/** Applied states for planner tests: what the host looks like after a complete apply of a desired state. */
final class AppliedStates {

    private AppliedStates() {
    }

    static AppliedState fullyApplied(DesiredState desired, String commit) {
        Map<String, String> files = new HashMap<>();
        for (InstalledFile f : desired.files().values()) {
            files.put(f.target(), f.digest());
        }
        Map<String, AppliedUnit> units = new HashMap<>();
        for (RepoUnit u : desired.units().values()) {
            units.put(u.fileName(), recorded(u));
        }
        return new AppliedState(commit, files, units);
    }

    static AppliedUnit recorded(RepoUnit u) {
        return new AppliedUnit(u.fileName(), u.systemdName(), u.inputDigest(), u.options().autoStart(), u.dependsOn());
    }

    /** As a Berth from before dependencies were recorded left the host. */
    static AppliedState withoutDependencies(AppliedState applied) {
        Map<String, AppliedUnit> units = new HashMap<>();
        applied.units().forEach((name, u) -> units.put(name, u.withDependsOn(null)));
        return new AppliedState(applied.commit(), applied.files(), units);
    }
}

package dev.berth.bench;

import dev.berth.repo.DesiredState;
import dev.berth.repo.InstalledFile;
import dev.berth.repo.RepoUnit;
import dev.berth.state.AppliedState;
import dev.berth.state.AppliedUnit;
import java.util.HashMap;
import java.util.Map;

/** The applied state a host has after a complete, successful deployment of a desired state. */
final class AppliedStates {

    private AppliedStates() {
    }

    static AppliedState afterDeploying(DesiredState desired, String commit) {
        Map<String, String> files = new HashMap<>();
        for (InstalledFile f : desired.files().values()) {
            files.put(f.target(), f.digest());
        }
        Map<String, AppliedUnit> units = new HashMap<>();
        for (RepoUnit u : desired.units().values()) {
            units.put(u.fileName(), new AppliedUnit(u.fileName(), u.systemdName(), u.inputDigest(), u.options().autoStart()));
        }
        return new AppliedState(commit, files, units);
    }
}

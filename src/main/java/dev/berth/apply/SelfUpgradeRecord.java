package dev.berth.apply;

import dev.berth.state.AppliedState;

/**
 * An upgrade of Berth's own unit ({@code Self=true}) that is under way: kept in the state folder from before the
 * new unit file is written until the new daemon checks in, or the old one, put back by the watcher, records the
 * rollback. The unit file as it was is kept next to it ({@code self-upgrade.previous}).
 *
 * @param stage           PREPARED once the old unit file is kept; ARMED once the watcher runs and the restart was asked for
 * @param fromCommit      the commit the running Berth was deployed from
 * @param toCommit        the commit whose unit runs the new Berth
 * @param unit            Berth's systemd unit, e.g. berth.service
 * @param unitFile        where its unit file is on the host (the same path inside Berth's container)
 * @param previousApplied the state as it was, put back when the new version is rolled back
 */
public record SelfUpgradeRecord(Stage stage, String fromCommit, String toCommit, String unit, String unitFile,
                                AppliedState previousApplied) {
    public enum Stage { PREPARED, ARMED }

    SelfUpgradeRecord armed() {
        return new SelfUpgradeRecord(Stage.ARMED, fromCommit, toCommit, unit, unitFile, previousApplied);
    }

    /** The same upgrade going to another commit (a newer commit came before the restart). */
    SelfUpgradeRecord retargeted(String commit) {
        return new SelfUpgradeRecord(Stage.PREPARED, fromCommit, commit, unit, unitFile, previousApplied);
    }
}

package dev.berth.state;

import java.util.List;

/**
 * A unit as Berth last brought it up on this host: recorded only once it was really running
 * (or, for units not started directly, once its files were in place).
 *
 * @param dependsOn file names of the other units it needed started first, so that once it is removed from the
 *                  repository it can still be stopped before them; null when not recorded (state written by
 *                  a Berth from before this field, or a unit recorded without its repository definition)
 */
public record AppliedUnit(String fileName, String systemdName, String inputDigest, boolean autoStart, List<String> dependsOn) {

    public AppliedUnit {
        dependsOn = dependsOn == null ? null : List.copyOf(dependsOn);
    }

    /** A unit whose dependencies are not known. */
    public AppliedUnit(String fileName, String systemdName, String inputDigest, boolean autoStart) {
        this(fileName, systemdName, inputDigest, autoStart, null);
    }

    /**
     * This unit while Berth stops it to restart it on a new definition (see apply.EarlyStops): an input digest no
     * repository has, so whichever commit the next plan is for, it restarts the unit.
     */
    public AppliedUnit beingRestarted() {
        return new AppliedUnit(fileName, systemdName, "", autoStart, dependsOn);
    }

    /** This unit with its dependencies recorded. */
    public AppliedUnit withDependsOn(List<String> dependencies) {
        return new AppliedUnit(fileName, systemdName, inputDigest, autoStart, dependencies);
    }
}

package dev.berth.plan;

/** The steps an apply performs, listed in the order a plan runs them. */
public enum ActionType {
    /** stop a unit that is removed (dependents first) */
    STOP,
    /** delete a file Berth wrote that the repository no longer has */
    REMOVE_FILE,
    /** write a new or changed file (atomically), or repair one that drifted */
    WRITE_FILE,
    /** one systemctl daemon-reload after all file changes, so quadlet regenerates services */
    DAEMON_RELOAD,
    /** start a new unit (dependencies first) */
    START,
    /** restart a unit whose inputs changed (dependencies first) */
    RESTART
}

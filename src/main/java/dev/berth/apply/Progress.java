package dev.berth.apply;

/** Where an apply reports what it is doing, step by step (the CLI prints it, the daemon logs it). */
@FunctionalInterface
public interface Progress {
    void step(String message);

    /** The run is about to deploy {@code commit}, a commit other than the deployed one (commit statuses go pending). */
    default void deploying(String commit) {
    }

    Progress SILENT = message -> { };
}

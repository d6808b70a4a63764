package dev.berth.apply;

/** Where an apply reports what it is doing, step by step (the CLI prints it, the daemon logs it). */
@FunctionalInterface
public interface Progress {
    void step(String message);

    Progress SILENT = message -> { };
}

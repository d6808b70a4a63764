package dev.berth.build;

import dev.berth.repo.RepoUnit;

/**
 * The drop-in Berth adds to every {@code .build} unit. It is an ordinary file of the desired state, so the
 * planner sees it: its content changes only when the epoch (or the kind of Podman flag) changes, so a commit that
 * leaves a build's inputs alone neither rebuilds the image nor restarts its containers.
 */
public final class ReproducibleDropIn {
    public static final String FILE_NAME = "90-berth-reproducible.conf";

    private ReproducibleDropIn() {
    }

    /** Repository-relative path: next to the unit, {@code <dir>/<name>.build.d/90-berth-reproducible.conf}. */
    public static String pathFor(RepoUnit unit) {
        int slash = unit.path().lastIndexOf('/');
        String dir = slash < 0 ? "" : unit.path().substring(0, slash);
        String folder = unit.fileName() + ".d/" + FILE_NAME;
        return dir.isEmpty() ? folder : dir + "/" + folder;
    }

    public static String content(BuildEpoch e) {
        return "# Written by Berth on every sync: makes this build reproducible. Edits here are overwritten.\n"
                + "# SOURCE_DATE_EPOCH " + e.epoch() + " is the committer time of " + e.change().commit() + ",\n"
                + "# the last commit that changed this build's inputs.\n"
                + (e.mode() == TimestampMode.TIMESTAMP
                        ? "# --no-cache: this Podman reuses a cached step whatever its --timestamp, so a step cached at\n"
                        + "# another epoch would give this commit another digest here than on a host without that cache.\n"
                        : "")
                + "[Build]\n"
                + "PodmanArgs=" + String.join(" ", e.mode().podmanArgs(e.epoch())) + "\n"
                + "\n"
                + "[Service]\n"
                + "# A SOURCE_DATE_EPOCH in the service manager's environment would change the image.\n"
                + "UnsetEnvironment=SOURCE_DATE_EPOCH\n"
                + "# The image stays built until its inputs change: starting a container that uses it does not\n"
                + "# rebuild it, and rebuilding it restarts those containers once (quadlet adds Requires=).\n"
                + "RemainAfterExit=yes\n";
    }
}

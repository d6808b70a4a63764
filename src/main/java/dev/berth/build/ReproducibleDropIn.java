package dev.berth.build;

import dev.berth.repo.RepoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The drop-in Berth adds to every {@code .build} unit. It is an ordinary file of the desired state, so the
 * planner sees it: its content changes only when the epoch (or the kind of Podman flag) changes, so a commit that
 * leaves a build's inputs alone neither rebuilds the image nor restarts its containers.
 */
public final class ReproducibleDropIn {
    public static final String FILE_NAME = "90-berth-reproducible.conf";

    /**
     * Flags that keep what the build host's image storage holds out of the image. Podman records the base image
     * under the name it found it by locally: {@code FROM reg/base@sha256:D} becomes {@code reg/base:tag} in the
     * history comment and the manifest's {@code org.opencontainers.image.base.name} as soon as any container of
     * the host pulled the same image by a tag (and on some hosts, or in some orders, it had not). So the history
     * is left out and that annotation is blank; {@code org.opencontainers.image.base.digest} still names the base.
     */
    public static final List<String> HOST_INDEPENDENT_ARGS =
            List.of("--omit-history", "--annotation=org.opencontainers.image.base.name=");

    private ReproducibleDropIn() {
    }

    /** Repository-relative path: next to the unit, {@code <dir>/<name>.build.d/90-berth-reproducible.conf}. */
    public static String pathFor(RepoUnit unit) {
        int slash = unit.path().lastIndexOf('/');
        String dir = slash < 0 ? "" : unit.path().substring(0, slash);
        String folder = unit.fileName() + ".d/" + FILE_NAME;
        return dir.isEmpty() ? folder : dir + "/" + folder;
    }

    /** The flags the drop-in adds to the unit's {@code podman build}. */
    public static List<String> podmanArgs(BuildEpoch e) {
        List<String> args = new ArrayList<>(e.mode().podmanArgs(e.epoch()));
        args.addAll(HOST_INDEPENDENT_ARGS);
        return List.copyOf(args);
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
                + "# --omit-history and a blank base.name annotation: the local name of the base image differs by host.\n"
                + "PodmanArgs=" + String.join(" ", podmanArgs(e)) + "\n"
                + "\n"
                + "[Service]\n"
                + "# A SOURCE_DATE_EPOCH in the service manager's environment would change the image.\n"
                + "UnsetEnvironment=SOURCE_DATE_EPOCH\n"
                + "# The image stays built until its inputs change: starting a container that uses it does not\n"
                + "# rebuild it, and rebuilding it restarts those containers once (quadlet adds Requires=).\n"
                + "RemainAfterExit=yes\n";
    }
}

package dev.berth.build;

import java.util.List;

/**
 * How Podman is told the build's time. Both make a build reproducible; they cannot be combined.
 * <ul>
 *   <li>{@link #SOURCE_DATE_EPOCH} (Podman 5.6+, buildah 1.41): image and history times are the epoch,
 *       files in new layers newer than it are clamped to it;</li>
 *   <li>{@link #TIMESTAMP} (older Podman): the created time and every file time in new layers are the epoch.
 *       Podman 5.4 (buildah 1.39) leaves {@code --timestamp} out of its layer-cache key: a step cached by an
 *       earlier build of the same steps at another epoch is reused as it is, with that build's file times and
 *       history times, so the same commit gives another digest on a host that built the steps before than on a
 *       fresh one. So this mode also turns the cache off ({@code --no-cache}: cached steps are never read). Podman
 *       5.6+ keys its cache on {@code --source-date-epoch}, so the cache stays on there.</li>
 * </ul>
 */
public enum TimestampMode {
    SOURCE_DATE_EPOCH("source-date-epoch"),
    TIMESTAMP("timestamp");

    private final String label;

    TimestampMode(String label) {
        this.label = label;
    }

    public static TimestampMode forPodman(PodmanVersion version) {
        return version.atLeast(5, 6) ? SOURCE_DATE_EPOCH : TIMESTAMP;
    }

    /** The podman build arguments that pin the build's time to {@code epoch}. */
    public List<String> podmanArgs(long epoch) {
        return switch (this) {
            case SOURCE_DATE_EPOCH -> List.of("--source-date-epoch=" + epoch, "--rewrite-timestamp");
            case TIMESTAMP -> List.of("--timestamp=" + epoch, "--no-cache");
        };
    }

    /** How status names it: {@code source-date-epoch} or {@code timestamp}. */
    public String label() {
        return label;
    }
}

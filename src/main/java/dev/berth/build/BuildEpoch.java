package dev.berth.build;

import dev.berth.git.LastChange;

/**
 * The time a {@code .build} unit's image is built with, and where it comes from.
 *
 * @param unit     the build unit's file name ({@code web.build})
 * @param imageTag its {@code ImageTag=}
 * @param change   the last commit that changed the build's inputs; its committer time is the epoch
 * @param mode     how Podman is told the time
 * @param podman   the Podman version that decided the mode
 */
public record BuildEpoch(String unit, String imageTag, LastChange change, TimestampMode mode, String podman) {

    public long epoch() {
        return change.commitTimeSeconds();
    }
}

package dev.berth.build;

/**
 * A deployed build as {@code berth status} shows it, so two hosts can compare.
 *
 * @param unit        the build unit's file name
 * @param imageTag    its {@code ImageTag=}
 * @param epoch       the SOURCE_DATE_EPOCH it is built with (seconds), or -1 if unknown
 * @param epochCommit the commit whose committer time that is
 * @param mode        {@code source-date-epoch} (Podman 5.6+) or {@code timestamp} (older)
 * @param imageId     the local image's ID (config digest), or null if there is no such image
 * @param digest      the local image's manifest digest, or null
 */
public record BuildStatus(String unit, String imageTag, long epoch, String epochCommit, String mode, String imageId,
                          String digest) {
}

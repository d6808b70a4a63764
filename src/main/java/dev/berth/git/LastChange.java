package dev.berth.git;

/**
 * The newest commit that changed a set of paths, as seen from some commit.
 *
 * @param commit            its id
 * @param commitTimeSeconds its committer time, seconds since the epoch: a build's SOURCE_DATE_EPOCH
 */
public record LastChange(String commit, long commitTimeSeconds) {

    public String shortId() {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}

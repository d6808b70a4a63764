package dev.berth.plan;

/** Why a file Berth manages is written or removed. */
public enum FileReason implements Reason {
    NEW_FILE("new file", false),
    CHANGED("changed", false),
    CHANGED_ON_HOST("drift: changed on the host", true),
    DELETED_ON_HOST("drift: deleted on the host", true),
    NO_LONGER_IN_REPOSITORY("no longer in the repository", false);

    private final String words;
    private final boolean drift;

    FileReason(String words, boolean drift) {
        this.words = words;
        this.drift = drift;
    }

    @Override
    public String words() {
        return words;
    }

    @Override
    public boolean repairsDrift() {
        return drift;
    }
}

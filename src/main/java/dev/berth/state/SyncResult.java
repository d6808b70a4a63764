package dev.berth.state;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a sync, or one deployment of its history, ended. The state files hold the word of each
 * ({@code "ok"}, ...), as every Berth before this type wrote them.
 */
public enum SyncResult {
    /** the commit was applied and its units came up (or the host already matched it) */
    OK("ok"),
    /** the sync did not reach its commit, or units did not come up */
    FAILED("failed"),
    /** history only: the commit was applied, did not come up, and the host went back to the last good commit */
    ROLLED_BACK("rolled-back");

    private final String word;

    SyncResult(String word) {
        this.word = word;
    }

    /** The word recorded in the state files and shown by {@code berth status} and {@code history}. */
    @JsonValue
    public String word() {
        return word;
    }

    @Override
    public String toString() {
        return word;
    }
}

package dev.berth.state;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of {@code berth history}: a commit that was applied, when and how it ended.
 *
 * @param reason      sync, init, switch, rollback, auto-rollback, or rewind (see {@link #REWIND})
 * @param rewoundFrom for a rewind: the commit deployed before, which this one does not descend from; else null
 */
public record Deployment(String commit, String subject, long appliedAt, String result, String reason,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String rewoundFrom) {

    /**
     * The reason of a deployment, without commit verification, of a commit that does not descend from the deployed
     * one: the followed ref was moved back or rewritten. Recorded as such, never as an ordinary sync.
     */
    public static final String REWIND = "rewind";

    public Deployment(String commit, String subject, long appliedAt, String result, String reason) {
        this(commit, subject, appliedAt, result, reason, null);
    }
}

package dev.berth.state;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of {@code berth history}: a commit that was applied, when and how it ended.
 *
 * @param reason      why it was deployed
 * @param rewoundFrom for a rewind: the commit deployed before, which this one does not descend from; else null
 */
public record Deployment(String commit, String subject, long appliedAt, SyncResult result, DeploymentReason reason,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String rewoundFrom) {

    public Deployment(String commit, String subject, long appliedAt, SyncResult result, DeploymentReason reason) {
        this(commit, subject, appliedAt, result, reason, null);
    }
}

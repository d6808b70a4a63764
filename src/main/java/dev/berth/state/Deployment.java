package dev.berth.state;

/**
 * One entry of {@code berth history}: a commit that was applied, when and how it ended.
 *
 * @param reason sync, init, switch, rollback
 */
public record Deployment(String commit, String subject, long appliedAt, String result, String reason) {
}

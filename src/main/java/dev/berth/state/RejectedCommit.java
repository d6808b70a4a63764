package dev.berth.state;

/**
 * A commit that was applied, did not come up healthy and was rolled back: it is never applied again;
 * the host waits on the last good commit until a new commit arrives.
 *
 * @param commit     full commit id
 * @param reason     why it was rolled back (which units, what they said)
 * @param rolledBack epoch milliseconds
 */
public record RejectedCommit(String commit, String reason, long rolledBack) {
}

package dev.berth.state;

/**
 * What this host follows, as given to {@code berth init} (and changed by {@code switch}).
 *
 * @param remote          git URL (https, ssh, file:// or a local path)
 * @param ref             the branch or tag followed, in full ({@code refs/heads/main}, {@code refs/tags/release}) as
 *                        resolved at init; older state folders hold a short name or null, resolved once and recorded
 * @param path            sub-folder of the repository holding the units; "" = the whole repository
 * @param intervalSeconds how often the daemon syncs
 * @param sshKey          private key file for ssh remotes, or null
 * @param pinnedCommit    set by rollback: the host stays on this commit until a new commit or sync --resume
 * @param pinnedAgainst   the remote commit that was current when the pin was made (a newer one lifts the pin)
 * @param hostName        this host's name for targeting ({@code init --host}); null = the system's host name
 * @param labels          this host's labels for targeting ({@code init --label}, {@code berth label})
 */
public record BerthConfig(String remote, String ref, String path, long intervalSeconds, String sshKey,
                          String pinnedCommit, String pinnedAgainst, String hostName, java.util.Map<String, String> labels) {

    public static final long DEFAULT_INTERVAL_SECONDS = 60;

    public BerthConfig {
        labels = labels == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels));
    }

    /** Without a host identity of its own (the system host name, no labels). */
    public BerthConfig(String remote, String ref, String path, long intervalSeconds, String sshKey,
                       String pinnedCommit, String pinnedAgainst) {
        this(remote, ref, path, intervalSeconds, sshKey, pinnedCommit, pinnedAgainst, null, null);
    }

    public BerthConfig withPin(String commit, String against) {
        return new BerthConfig(remote, ref, path, intervalSeconds, sshKey, commit, against, hostName, labels);
    }

    public BerthConfig withRemote(String newRemote, String newRef, String newPath) {
        return new BerthConfig(newRemote, newRef, newPath, intervalSeconds, sshKey, null, null, hostName, labels);
    }

    /** The same, following {@code fullRef} ({@code refs/heads/...} or {@code refs/tags/...}, as resolved at init). */
    public BerthConfig withRef(String fullRef) {
        return new BerthConfig(remote, fullRef, path, intervalSeconds, sshKey, pinnedCommit, pinnedAgainst, hostName, labels);
    }

    public BerthConfig withIdentity(String newHostName, java.util.Map<String, String> newLabels) {
        return new BerthConfig(remote, ref, path, intervalSeconds, sshKey, pinnedCommit, pinnedAgainst, newHostName, newLabels);
    }
}

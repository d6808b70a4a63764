package dev.berth.hooks;

import java.io.IOException;
import java.util.Optional;

/** What a delivery needs of the host: the secret, the followed ref, and a way to ask for a sync. */
public interface WebhookHost {

    /** The secret deliveries must be signed with; empty until {@code berth webhook secret} made one. */
    Optional<WebhookSecret> secret() throws IOException;

    /** The full ref this host follows ({@code refs/heads/main}); empty before {@code berth init}. */
    Optional<String> followedRef() throws IOException;

    /**
     * Asks for a sync and returns at once: the daemon queues it, or joins one already queued. The sync fetches
     * the followed ref itself; nothing of the delivery (its commit id above all) is passed on.
     */
    void syncNow();
}

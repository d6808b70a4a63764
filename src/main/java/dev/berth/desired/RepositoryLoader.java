package dev.berth.desired;

import java.nio.file.Path;

/** Reads and validates an exported commit; never applies anything. */
@FunctionalInterface
public interface RepositoryLoader {

    /**
     * @param version identifies the checkout's content (commit and sub-path), or null when unknown; a
     *                loader may reuse its last result for the same version
     */
    LoadedRepository load(Path checkout, String version);

    /**
     * Loads the checkout of a followed repository, which may be read again only where it changed since this
     * loader's last read of it ({@code diff} says where).
     */
    default LoadedRepository load(Path checkout, CheckoutVersion version, CommitDiff diff) {
        return load(checkout, version.toString());
    }

    /** Drops what earlier reads left for later ones: the next load reads everything. */
    default void forgetEarlierReads() {
    }
}

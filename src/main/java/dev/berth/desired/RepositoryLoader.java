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
}

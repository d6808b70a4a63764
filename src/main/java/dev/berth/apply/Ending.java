package dev.berth.apply;

import java.util.Optional;

/**
 * What a sync's notifications need beyond its report: the commit deployed before it, whether the newest commit
 * was refused (the report then names the commit the host stays on), and whether a failed commit was rolled back.
 *
 * @param previousCommit the commit deployed when the sync started (null on a host with none)
 * @param refusal        the commit that was refused, if one was
 * @param rolledBack     the commit did not come up and the host went back to {@code previousCommit}
 */
public record Ending(String previousCommit, Optional<Refusal> refusal, boolean rolledBack) {

    /** Nothing known (a dry run, or an outcome made outside the pipeline). */
    public static final Ending UNKNOWN = new Ending(null, Optional.empty(), false);
}

package dev.berth.desired;

import java.util.Optional;
import java.util.Set;

/** The paths (relative to the followed folder) whose content differs between two commits, from git. */
@FunctionalInterface
public interface CommitDiff {

    /** git cannot tell, or the checkout is not a fresh export: read everything */
    CommitDiff UNKNOWN = (from, to) -> Optional.empty();

    /** @return the changed paths, or empty when unknown */
    Optional<Set<String>> changedPaths(String from, String to);
}

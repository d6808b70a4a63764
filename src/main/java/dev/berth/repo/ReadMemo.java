package dev.berth.repo;

import java.util.Map;

/**
 * What one read of a checkout learned: its listing, each unit file and drop-in parsed, each supporting file
 * hashed, with the problems each gave. Given to {@link RepositoryReader#readChanged} with the paths changed
 * since, it lets the next commit be read again only where it changed. Immutable once made; opaque outside.
 */
public final class ReadMemo {
    final ValidationLimits limits;
    final RepositoryTree tree;
    final Map<String, ParsedFile> parsed;
    final Map<String, FileDigest> digests;
    /** the units made, for a next read of a tree of the same shape (see {@link ChangedUnits}) */
    final UnitsMemo units;

    ReadMemo(ValidationLimits limits, RepositoryTree tree, Map<String, ParsedFile> parsed, Map<String, FileDigest> digests,
             UnitsMemo units) {
        this.limits = limits;
        this.tree = tree;
        this.parsed = java.util.Collections.unmodifiableMap(parsed); // the read's own maps, not changed after it
        this.digests = java.util.Collections.unmodifiableMap(digests);
        this.units = units;
    }
}

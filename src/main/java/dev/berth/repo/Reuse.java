package dev.berth.repo;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an earlier read of the same checkout found, for the paths that have not changed since (git says which
 * did): their parse and their hash are taken from there instead of reading the file again.
 */
record Reuse(Map<String, ParsedFile> parsed, Map<String, FileDigest> digests, Set<String> changed) {

    static final Reuse NOTHING = new Reuse(Map.of(), Map.of(), Set.of());

    Optional<ParsedFile> parsed(String path) {
        return changed.contains(path) ? Optional.empty() : Optional.ofNullable(parsed.get(path));
    }

    Optional<FileDigest> digest(String path) {
        return changed.contains(path) ? Optional.empty() : Optional.ofNullable(digests.get(path));
    }
}

package dev.berth.apply;

import java.nio.file.Path;

/** Reads and validates an exported commit; never applies anything. */
@FunctionalInterface
public interface RepositoryLoader {
    LoadedRepository load(Path checkout);
}

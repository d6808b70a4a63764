package dev.berth.apply;

import dev.berth.repo.RepositoryReader;
import dev.berth.repo.RepositoryScan;
import java.nio.file.Path;

/** Reads a checkout with the repository reader and runs every validation rule on it. */
public final class CheckedRepositoryLoader implements RepositoryLoader {

    @Override
    public LoadedRepository load(Path checkout) {
        RepositoryScan scan = RepositoryReader.read(checkout);
        return new LoadedRepository(scan.desired(), scan.problems());
    }
}

package dev.berth.repo;

import java.util.List;
import java.util.Set;

/**
 * What a read learned about one unit besides the {@link RepoUnit} itself, so that the next read can keep the
 * unit when none of its inputs changed, and tell when a change to it reaches other units.
 *
 * @param dropInCandidates drop-ins that may apply to it, read or not (which apply depends on their content)
 * @param triggers         file names of the repository units it triggers (they are then not started by Berth)
 * @param supportingFiles  every file its references name, readable or not
 * @param problems         its own problems: its systemd name, its references to files and those files, its options
 * @param installed        the files it installs (when it is the first unit of its file name)
 */
record UnitFacts(List<String> dropInCandidates, Set<String> triggers, List<String> supportingFiles, List<Problem> problems,
                 List<InstalledFile> installed) {

    UnitFacts {
        dropInCandidates = List.copyOf(dropInCandidates);
        supportingFiles = List.copyOf(supportingFiles);
        problems = List.copyOf(problems);
        installed = List.copyOf(installed);
    }
}

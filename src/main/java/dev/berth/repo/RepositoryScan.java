package dev.berth.repo;

import java.util.List;

/**
 * What reading a repository found.
 *
 * @param desired   the state to deploy (one unit per file name: of duplicates the first by path wins)
 * @param problems  what went wrong while reading: unreadable or binary files, syntax errors, missing or
 *                  escaping referenced files, bad {@code [X-Berth]} settings
 * @param units     every unit that could be read, duplicates included, sorted by path (for validation)
 * @param unitPaths every unit file found, also those that could not be read, sorted
 */
public record RepositoryScan(DesiredState desired, List<Problem> problems, List<RepoUnit> units, List<String> unitPaths) {

    public RepositoryScan {
        problems = problems.stream().sorted(Problem.BY_LOCATION).toList();
        units = List.copyOf(units);
        unitPaths = List.copyOf(unitPaths);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}

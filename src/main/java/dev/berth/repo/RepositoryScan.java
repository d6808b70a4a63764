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
 * @param tree      the checkout's files as the scan listed them, so that readers of other files (the
 *                  {@code .mcp} declarations) need not list a large checkout again; null when the checkout
 *                  could not be listed
 */
public record RepositoryScan(DesiredState desired, List<Problem> problems, List<RepoUnit> units, List<String> unitPaths,
                             RepositoryTree tree) {

    /** A scan without its listing (readers of other files then list the checkout themselves). */
    public RepositoryScan(DesiredState desired, List<Problem> problems, List<RepoUnit> units, List<String> unitPaths) {
        this(desired, problems, units, unitPaths, null);
    }

    public RepositoryScan {
        problems = problems.stream().distinct().sorted(Problem.BY_LOCATION).toList();
        units = List.copyOf(units);
        unitPaths = List.copyOf(unitPaths);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}

package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepositoryScan;
import java.util.List;

/**
 * Everything validation found, sorted by file and line.
 *
 * @param scan     what the reader made of the repository
 * @param problems the reader's problems and the rules', without repeats
 * @param notes    what was done or skipped, for {@code --verbose} (e.g. no quadlet generator installed)
 * @param podman   the Podman release the quadlet rules were checked against, and why that one
 */
public record ValidationReport(RepositoryScan scan, List<Problem> problems, List<String> notes, PodmanTarget podman) {

    public ValidationReport {
        problems = problems.stream().distinct().sorted(Problem.BY_LOCATION).toList();
        notes = List.copyOf(notes);
    }

    /** A report checked against the newest Podman Berth knows. */
    public ValidationReport(RepositoryScan scan, List<Problem> problems, List<String> notes) {
        this(scan, problems, notes, PodmanTarget.assumedNewest());
    }

    public long errorCount() {
        return problems.stream().filter(Problem::isError).count();
    }

    public long warningCount() {
        return problems.size() - errorCount();
    }

    public int unitCount() {
        return scan.unitPaths().size();
    }

    public boolean hasErrors() {
        return errorCount() > 0;
    }

    /** e.g. {@code 3 errors, 1 warning in 12 units}. */
    public String summary() {
        return plural(errorCount(), "error") + ", " + plural(warningCount(), "warning") + " in " + plural(unitCount(), "unit");
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}

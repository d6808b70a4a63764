package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepositoryScan;
import java.util.List;

/** One check over a whole repository scan. Pure: no I/O, so every rule is tested without a host. */
@FunctionalInterface
public interface ValidationRule {

    List<Problem> check(RepositoryScan scan);
}

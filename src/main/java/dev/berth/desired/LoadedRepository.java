package dev.berth.desired;

import dev.berth.repo.DesiredState;
import dev.berth.repo.Problem;
import java.util.List;

/** A checkout read and validated: its desired state, and what validation found. */
public record LoadedRepository(DesiredState desired, List<Problem> problems) {

    public LoadedRepository {
        problems = List.copyOf(problems);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }
}

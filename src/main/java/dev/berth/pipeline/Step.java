package dev.berth.pipeline;

import dev.berth.apply.DeployException;
import java.util.Set;

/**
 * One named step of every deployment: init, sync, a user's rollback, a switch and the automatic rollback
 * all run the same steps, in the same order. The boundary after each step is a fault point.
 */
public interface Step {

    /** Short, stable, lower-case: it names the step in progress and fault points. */
    String name();

    /** What earlier steps must have found out (checked when the pipeline is built). */
    Set<Fact> needs();

    /** What this step finds out for later ones. */
    Set<Fact> produces();

    /** Whether this step takes part in this run (a dry run stops before the host changes, for example). */
    default boolean takesPart(Run run) {
        return true;
    }

    Flow run(Run run, Parts parts) throws DeployException;
}

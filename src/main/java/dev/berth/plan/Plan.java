package dev.berth.plan;

import java.util.List;

/** The ordered steps that take the host from its applied state to the desired state. */
public record Plan(List<Action> actions) {

    public Plan {
        actions = List.copyOf(actions);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    public List<Action> ofType(ActionType type) {
        return actions.stream().filter(a -> a.type() == type).toList();
    }
}

package dev.berth.pipeline;

import dev.berth.secret.SecretException;
import java.util.Set;

/** Once every unit came up: the Podman secrets whose {@code .age} file left the repository go too. */
final class RemoveGoneSecrets implements Step {
    @Override
    public String name() {
        return "remove-secrets";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.CHECKOUT, Fact.RESULT);
    }

    @Override
    public Set<Fact> produces() {
        return Set.of();
    }

    @Override
    public Flow run(Run run, Parts parts) {
        if (run.result().ok()) {
            try {
                parts.secrets().removeGone(run.checkout(), parts.progress()::step);
            } catch (SecretException e) {
                parts.progress().step("warning: " + e.getMessage());
            }
        }
        return Flow.NEXT;
    }
}

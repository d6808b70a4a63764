package dev.berth.pipeline;

import dev.berth.apply.DeployException;
import dev.berth.secret.SecretException;
import java.util.Set;

/** The commit's {@code .age} files become Podman secrets before any unit that uses them starts. */
final class InstallSecrets implements Step {
    @Override
    public String name() {
        return "secrets";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.TARGET, Fact.CHECKOUT);
    }

    @Override
    public Set<Fact> produces() {
        return Set.of();
    }

    @Override
    public Flow run(Run run, Parts parts) throws DeployException {
        try {
            parts.secrets().install(run.checkout(), parts.progress()::step); // decrypts all first: a bad secret changes nothing
        } catch (SecretException e) {
            return Outcomes.failed(run, parts, run.target(), "commit " + run.target().shortId() + " was not applied: " + e.getMessage());
        }
        return Flow.NEXT;
    }
}

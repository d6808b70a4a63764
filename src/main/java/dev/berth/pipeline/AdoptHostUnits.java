package dev.berth.pipeline;

import dev.berth.apply.Adoption;
import dev.berth.apply.DeployException;
import dev.berth.host.HostException;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * Units handed over with {@code berth adopt}: Berth takes them into its state, and sets aside a host quadlet
 * the repository's would otherwise lose to, stopping its unit so the repository's definition starts.
 */
final class AdoptHostUnits implements Step {
    @Override
    public String name() {
        return "adopt";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.CONFIG, Fact.APPLIED, Fact.TARGET, Fact.DESIRED, Fact.PLAN, Fact.HOST_UNITS);
    }

    @Override
    public Set<Fact> produces() {
        return Set.of(Fact.APPLIED);
    }

    @Override
    public Flow run(Run run, Parts parts) throws DeployException {
        Set<String> adopted = Set.copyOf(run.settings().adopted());
        run.applied(Adoption.claim(run.plan(), run.applied(), adopted));
        try {
            for (Adoption.SetAside aside : Adoption.setAsideShadowing(run.hostUnits().hostQuadlets(), run.desired(), adopted)) {
                parts.progress().step("adopted: the host's quadlet is kept as " + aside.file() + "; stop " + aside.unit()
                        + " so the repository's definition starts");
                parts.systemd().stop(aside.unit(), Duration.ofSeconds(90)); // a start of a running unit would keep the host's
            }
        } catch (IOException | HostException e) {
            return Outcomes.failed(run, parts, run.target(), "commit " + run.target().shortId()
                    + " was not applied: cannot set the host's adopted quadlet aside: " + e.getMessage());
        }
        return Flow.NEXT;
    }
}

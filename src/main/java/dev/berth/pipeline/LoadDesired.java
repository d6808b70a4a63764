package dev.berth.pipeline;

import dev.berth.apply.DeployException;
import dev.berth.apply.Refusal;
import dev.berth.desired.CheckoutVersion;
import dev.berth.desired.CommitDiff;
import dev.berth.desired.LoadedRepository;
import dev.berth.fleet.VersionPin;
import dev.berth.git.GitSource;
import dev.berth.repo.Problem;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads and validates the checkout and keeps this host's share; a commit with errors is not applied, not even partly. */
final class LoadDesired implements Step {
    @Override
    public String name() {
        return "load";
    }

    @Override
    public Set<Fact> needs() {
        return Set.of(Fact.CONFIG, Fact.TARGET, Fact.CHECKOUT);
    }

    @Override
    public Set<Fact> produces() {
        return Set.of(Fact.LOADED);
    }

    @Override
    public Flow run(Run run, Parts parts) throws DeployException {
        // The Berth version the commit asks for, before anything else of it: a newer repository may say what this
        // Berth does not understand, and the message should then be "install version X", not a validation error.
        java.util.Optional<VersionPin> pin = VersionPin.read(run.checkout());
        String running = VersionPin.running();
        if (pin.isPresent() && !pin.get().admits(running)) {
            String why = pin.get().refusal(run.target().shortId(), running);
            run.refused(new Refusal(Refusal.Kind.VERSION, run.target().id(), why));
            return Outcomes.failed(run, parts, run.target(), why);
        }
        // A sync of an unchanged commit may reuse the daemon's last reading, and one of a new commit may re-read
        // only what git says changed since; a preview or rollback folder may not.
        LoadedRepository loaded;
        if (run.followed() && !run.dryRun()) {
            String subPath = run.subPath();
            GitSource source = run.source();
            CommitDiff diff = run.freshExport() ? (from, to) -> source.changedPaths(from, to, subPath) : CommitDiff.UNKNOWN;
            loaded = parts.loader().load(run.checkout(), new CheckoutVersion(run.target().id(), subPath), diff);
        } else {
            loaded = parts.loader().load(run.checkout(), null);
        }
        if (!loaded.errors().isEmpty()) {
            String problems = loaded.errors().stream().map(Problem::toString).limit(20).collect(Collectors.joining("\n  "));
            String why = "commit " + run.target().shortId() + " is invalid and was not applied:\n  " + problems;
            run.refused(new Refusal(Refusal.Kind.VALIDATION, run.target().id(), why));
            return Outcomes.failed(run, parts, run.target(), why);
        }
        run.loaded(loaded);
        return Flow.NEXT;
    }
}

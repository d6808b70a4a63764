package dev.berth.cli;

import dev.berth.Berth;
import dev.berth.FileDiffs;
import dev.berth.PlanAsCommand;
import dev.berth.apply.SyncOutcome;
import dev.berth.fleet.HostIdentity;
import dev.berth.fleet.LocalHost;
import dev.berth.state.DeploymentReason;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what the next sync would do, with the reason for each step. " +
            "Fetches the repository, changes nothing on the host. 'berth diff' also shows the file changes. " +
            "Exits 1 when the sync would fail or be refused: an invalid or untrusted commit, or a unit name the host " +
            "already has (hand it over with 'berth adopt NAME')."})
class PlanCommand extends HostCommand {

    @Option(names = "--diff", description = "Show unified diffs of the files that would change (default for 'berth diff').")
    boolean diff;

    @Option(names = "--host", paramLabel = "NAME",
            description = {"Plan as host NAME instead of this host: what a fresh host of that name would get (planned against an " +
                "empty host, not this one's state). Labels berth.toml declares for NAME apply, plus any --label."})
    String asHost;

    @Option(names = "--label", paramLabel = "KEY=VALUE",
            description = "With --host (or alone, for this host's name): plan as a host with these labels (repeatable).")
    java.util.List<String> asLabels;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "With --host/--label: plan from this repository checkout instead of the followed repository (no init needed).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (asHost != null || asLabels != null || dir != null) {
            return planAs(berth()); // may name a folder relative to here: never asked of the daemon
        }
        var byDaemon = answeredByDaemon();
        if (byDaemon.isPresent()) {
            return byDaemon.get();
        }
        var berth = berth();
        SyncOutcome outcome = berth.plan().reason(DeploymentReason.PLAN).call();
        if (outcome.plan() == null) {
            return reportPreview(outcome);
        }
        out().print(PlanText.render(outcome.plan(), outcome.commit()));
        if (diff) {
            for (FileDiffs.FileDiff d : FileDiffs.of(berth.layout(), outcome)) {
                out().print(d.unified());
            }
        }
        out().flush();
        return reportPreview(outcome);
    }

    /** What another host would get: its share, planned against an empty applied state. */
    private int planAs(Berth berth) throws Exception {
        String name = asHost;
        if (name == null) {
            name = dir != null && !berth.store().isInitialized() ? LocalHost.systemHostName() : berth.identity().name();
        }
        var command = berth.planAs(new HostIdentity(name, LocalHost.parseLabels(asLabels)));
        if (dir != null) {
            command.from(dir);
        }
        return switch (command.call()) {
            case PlanAsCommand.Result.Invalid invalid -> {
                invalid.errors().forEach(p -> err().println(p));
                err().println("berth: " + dir + " is invalid for host " + name + ": fix the errors above");
                yield ErrorHandler.EXIT_FAILURE;
            }
            case PlanAsCommand.Result.SyncFailed failed -> report(failed.outcome());
            case PlanAsCommand.Result.Planned planned -> {
                out().println("as host " + planned.host() + ", against an empty host (not this host's state): "
                        + planned.desired().units().size() + " unit(s): " + String.join(" ", planned.desired().units().keySet()));
                out().print(PlanText.render(planned.plan(), planned.commit()));
                out().flush();
                yield 0;
            }
        };
    }
}

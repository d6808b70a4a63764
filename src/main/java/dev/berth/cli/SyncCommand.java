package dev.berth.cli;

import dev.berth.agent.ControlClient;
import dev.berth.agent.ControlRequest;
import dev.berth.apply.SyncOutcome;
import dev.berth.state.DeploymentReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Fetch the repository and bring this host to its latest commit. " +
            "Only what changed is touched: changed units restart, new ones start, removed ones stop."})
final class SyncCommand extends HostCommand {

    @Option(names = {"-n", "--dry-run"}, description = {"Print the plan and change nothing on the host: no file, no systemctl call. " +
            "Exits 1, saying why, when the sync would fail or be refused (as 'berth plan')."})
    boolean dryRun;

    @Option(names = "--resume", description = "Lift a rollback pin and follow the branch again.")
    boolean resume;

    @Option(names = "--no-rollback", description = {"If the new commit's units do not come up (healthy), keep it applied (failed units " +
            "are retried by the next sync) instead of rolling back to the last good commit. " +
            "When a daemon runs, it is passed to it for this one sync."})
    boolean noRollback;

    @Override
    public Integer call() throws Exception {
        var berth = berth();
        // A running daemon owns the syncs: ask it rather than wait for its lock.
        var daemon = ControlClient.connect(berth.layout().socketPath());
        if (daemon.isPresent()) {
            try (ControlClient c = daemon.get()) {
                return DaemonHandOff.sync(c, ControlRequest.sync(dryRun, resume, noRollback), host.quiet, out(), err());
            }
        }
        if (dryRun) {
            var plan = berth.plan();
            if (resume) {
                plan.resume();
            }
            SyncOutcome outcome = plan.call();
            if (outcome.plan() != null) {
                out().print(PlanText.render(outcome.plan(), outcome.commit()));
            }
            return reportPreview(outcome);
        }
        var sync = berth.sync();
        if (resume) {
            sync.resume();
        }
        if (noRollback) {
            sync.keepFailed();
        }
        return report(sync.call());
    }
}

package dev.berth.cli;

import dev.berth.apply.SyncOutcome;
import dev.berth.plan.Action;
import dev.berth.plan.ActionType;
import dev.berth.repo.InstalledFile;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what the next sync would do, with the reason for each step.",
            "Fetches the repository, changes nothing on the host. 'berth diff' also shows the file changes."})
class PlanCommand extends HostCommand {

    @Option(names = "--diff", description = "Show unified diffs of the files that would change (default for 'berth diff').")
    boolean diff;

    @Override
    public Integer call() throws Exception {
        Wiring w = wiring();
        SyncOutcome outcome = w.deployer().sync(true, false, "plan");
        if (outcome.plan() == null) {
            return report(outcome);
        }
        out().print(PlanText.render(outcome.plan(), outcome.commit()));
        if (diff) {
            for (Action a : outcome.plan().actions()) {
                if (a.type() == ActionType.WRITE_FILE || a.type() == ActionType.REMOVE_FILE) {
                    Path onHost = w.layout.pathOf(a.subject());
                    byte[] before = Files.isRegularFile(onHost) ? Files.readAllBytes(onHost) : new byte[0];
                    InstalledFile f = outcome.desired().files().get(a.subject());
                    byte[] after = f == null ? new byte[0] : Files.readAllBytes(outcome.checkout().resolve(f.source()));
                    out().print(UnifiedDiff.of(before.length == 0 ? "/dev/null" : onHost.toString(), before,
                            f == null ? "/dev/null" : "repository/" + f.source(), after));
                }
            }
        }
        return 0;
    }
}

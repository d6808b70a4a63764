package dev.berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Go back to an earlier commit (default: the previous successful deployment). " +
            "The host stays pinned there until a new commit arrives or 'berth sync --resume'. " +
            "With commit verification, this is also how the operator accepts a commit that was refused because it does not " +
            "descend from the deployed one (the followed ref was moved back or rewritten): 'berth rollback COMMIT'."})
final class RollbackCommand extends HostCommand {

    @Parameters(paramLabel = "COMMIT", arity = "0..1", description = "Commit id (or prefix) to go back to.")
    String commit;

    @Override
    public Integer call() throws Exception {
        return report(berth().rollback().to(commit).call());
    }
}

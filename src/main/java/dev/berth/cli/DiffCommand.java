package dev.berth.cli;

import picocli.CommandLine.Command;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Like 'berth plan', with unified diffs of every file the next sync would write or remove.")
final class DiffCommand extends PlanCommand {

    @Override
    public Integer call() throws Exception {
        diff = true;
        return super.call();
    }
}

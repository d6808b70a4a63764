package dev.berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "switch", mixinStandardHelpOptions = true,
        description = {"Follow another repository (or branch, or folder). " +
            "The host moves by a diff: units that are the same in both keep running untouched."})
final class SwitchCommand extends HostCommand {

    @Parameters(paramLabel = "URL", description = "The repository to follow from now on.")
    String remote;

    @Option(names = "--ref", paramLabel = "BRANCH|TAG", description = "Branch or tag to follow (default: the remote's default branch).")
    String ref;

    @Option(names = "--path", paramLabel = "SUBDIR", defaultValue = "", description = "Folder of the repository that holds the units.")
    String path;

    @Override
    public Integer call() throws Exception {
        return report(berth().switchTo(remote).ref(ref).path(path).call());
    }
}

package dev.berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Stop and remove everything Berth manages on this host, and forget the repository. " +
            "Volumes and images stay unless asked for."})
final class PruneCommand extends HostCommand {

    @Option(names = "--volumes", description = "Also remove the volumes that the repository's .volume units created.")
    boolean volumes;

    @Option(names = "--images", description = "Also remove the images of the repository's .image and .build units.")
    boolean images;

    @Override
    public Integer call() throws Exception {
        var berth = berth();
        if (!berth.store().isInitialized()) {
            out().println("nothing to prune: this host follows no repository");
            return 0;
        }
        var prune = berth.prune();
        if (volumes) {
            prune.volumes();
        }
        if (images) {
            prune.images();
        }
        prune.call();
        return 0;
    }
}

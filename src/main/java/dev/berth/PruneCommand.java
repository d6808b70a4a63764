package dev.berth;

import dev.berth.apply.Progress;
import dev.berth.apply.Pruner;

/**
 * {@code berth prune}: stop and remove everything Berth manages on this host (a plan towards an empty
 * repository), forget the repository, and only when asked remove the volumes and images its units made.
 */
public final class PruneCommand {
    private final Berth berth;
    private boolean volumes;
    private boolean images;
    private Progress progress;

    PruneCommand(Berth berth) {
        this.berth = berth;
        this.progress = berth.progress();
    }

    /** Also remove the volumes the repository's {@code .volume} units created. */
    public PruneCommand volumes() {
        volumes = true;
        return this;
    }

    /** Also remove the images of the repository's {@code .image} and {@code .build} units. */
    public PruneCommand images() {
        images = true;
        return this;
    }

    public PruneCommand progress(Progress to) {
        progress = to;
        return this;
    }

    public void call() throws Exception {
        berth.exclusive(() -> {
            new Pruner(berth.layout(), berth.store(), berth.systemd(), berth.targetedLoader(berth::identity), berth.runner(), progress)
                    .prune(volumes, images);
            return null;
        });
    }
}

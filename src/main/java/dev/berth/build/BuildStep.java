package dev.berth.build;

import dev.berth.plan.Plan;
import dev.berth.repo.DesiredState;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What a deployment does for the repository's {@code .build} units: before planning, add the
 * reproducible-build drop-ins; before applying, build the images whose inputs changed, so a build that
 * fails stops the deployment while the running containers keep their image.
 */
public interface BuildStep {

    /** For hosts or tests without builds: leaves the desired state alone and builds nothing. */
    BuildStep NONE = new BuildStep() {
        @Override
        public DesiredState prepare(DesiredState desired, Source source, Consumer<String> progress) {
            return desired;
        }

        @Override
        public void buildChanged(Plan plan, DesiredState desired, Path checkout, Consumer<String> progress) {
        }
    };

    /**
     * Where the desired state came from.
     *
     * @param checkout the exported commit (generated drop-ins are written into it, so it holds every file to install)
     * @param cloneDir the local clone, whose history gives each build's epoch
     * @param commit   the commit being deployed
     * @param subPath  the followed folder of the repository
     */
    record Source(Path checkout, Path cloneDir, String commit, String subPath) {
    }

    DesiredState prepare(DesiredState desired, Source source, Consumer<String> progress) throws BuildException;

    void buildChanged(Plan plan, DesiredState desired, Path checkout, Consumer<String> progress) throws BuildException;
}

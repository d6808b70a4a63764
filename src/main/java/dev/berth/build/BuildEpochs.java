package dev.berth.build;

import dev.berth.failure.FailureKind;
import dev.berth.repo.DesiredState;
import dev.berth.repo.InstalledFile;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.Sha256;
import dev.berth.unit.UnitKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds the reproducible-build drop-in to every {@code .build} unit of a desired state. Pure: the epochs
 * come in, the augmented state and the generated files' contents come out.
 */
public final class BuildEpochs {

    /**
     * @param desired   the state with the drop-ins added (in each build unit's drop-ins, files and input digest)
     * @param generated repository-relative path → content of each generated drop-in
     * @param epochs    the epoch of each build unit, by file name
     */
    public record Augmented(DesiredState desired, Map<String, String> generated, Map<String, BuildEpoch> epochs) {
    }

    private BuildEpochs() {
    }

    /** The repository paths whose history decides a build's epoch: its unit, its drop-ins, its Containerfile and context. */
    public static List<String> inputsOf(RepoUnit build) {
        List<String> paths = new ArrayList<>();
        paths.add(build.path());
        paths.addAll(build.dropIns());
        paths.addAll(build.supportingFiles());
        return paths;
    }

    public static List<RepoUnit> buildUnits(DesiredState desired) {
        return desired.units().values().stream().filter(u -> u.name().kind() == UnitKind.BUILD).toList();
    }

    /** @throws BuildException if the repository already holds a file where the drop-in goes */
    public static Augmented augment(DesiredState desired, Map<String, BuildEpoch> epochs) throws BuildException {
        Map<String, RepoUnit> units = new TreeMap<>(desired.units());
        Map<String, InstalledFile> files = new TreeMap<>(desired.files());
        Map<String, String> generated = new LinkedHashMap<>();
        for (RepoUnit build : buildUnits(desired)) {
            BuildEpoch epoch = epochs.get(build.fileName());
            if (epoch == null) {
                continue;
            }
            String source = ReproducibleDropIn.pathFor(build);
            String target = InstalledFile.QUADLET_PREFIX + source;
            if (files.containsKey(target) || build.supportingFiles().contains(source)) {
                throw new BuildException(FailureKind.INVALID_INPUT, source + ": Berth writes its reproducible-build drop-in there; rename the"
                        + " repository's file (any other name in " + build.fileName() + ".d/ works)");
            }
            String content = ReproducibleDropIn.content(epoch);
            String digest = Sha256.of(content);
            generated.put(source, content);
            files.put(target, new InstalledFile(target, source, digest));
            List<String> dropIns = new ArrayList<>(build.dropIns());
            dropIns.add(source); // "90-" sorts late, and Berth's flags should win: it applies last
            String inputDigest = Sha256.of(build.inputDigest() + "\n" + source + "\0" + digest);
            units.put(build.fileName(), new RepoUnit(build.name(), build.path(), build.unit(), dropIns,
                    build.supportingFiles(), build.systemdName(), build.dependsOn(), inputDigest, build.options()));
        }
        return new Augmented(new DesiredState(units, files), generated, Map.copyOf(epochs));
    }
}

package dev.berth.validate;

import dev.berth.repo.Problem;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.RepositoryScan;
import dev.berth.unit.UnitKind;
import java.util.List;

/**
 * A {@code .volume}'s driver settings: {@code Driver=image} needs {@code Image=}; for other drivers
 * {@code Type=} and {@code Options=} are mount options of a {@code Device=} and mean nothing without one.
 */
public final class VolumeUnitRule implements UnitRule {

    @Override
    public List<Problem> check(ScanContext scan, List<RepoUnit> units) {
        return UnitWalk.problems(units, UnitWalk.ofKind(UnitKind.VOLUME), VolumeUnitRule::check);
    }

    private static void check(QuadletLookup q, List<Problem> out) {
        if (q.value("Driver").equals("image")) {
            if (q.last("Image").isEmpty()) {
                out.add(q.error("Driver", "Driver=image needs Image=, and quadlet refuses the volume without it:"
                        + " name the image (or a repository .image or .build unit) whose contents the volume holds"));
            }
            return;
        }
        boolean device = q.hasValue("Device");
        for (String key : List.of("Type", "Options")) {
            if (q.hasValue(key) && !device) {
                out.add(q.error(key, key + "= without Device= is refused by quadlet: it describes how to mount a"
                        + " device; add Device= (e.g. Device=tmpfs) or remove " + key + "="));
            }
        }
    }
}

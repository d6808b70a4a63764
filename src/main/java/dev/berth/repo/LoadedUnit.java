package dev.berth.repo;

import dev.berth.unit.UnitFile;
import dev.berth.unit.UnitName;
import java.util.List;
import java.util.Map;

/**
 * A unit file read and parsed with its drop-ins merged, before its references are resolved.
 *
 * @param dropIns  repository paths of the drop-ins applied, in order
 * @param digests  sha256 of the unit file and of each drop-in, by repository path
 */
record LoadedUnit(UnitName name, String path, UnitFile unit, List<String> dropIns, Map<String, String> digests) {
}

package dev.berth.repo;

import dev.berth.unit.UnitFile;
import java.util.List;
import java.util.Optional;

/**
 * A unit file or drop-in as one read found it.
 *
 * @param file     the parsed file, empty when it could not be read or parsed
 * @param sha256   of its content, empty when it could not be read as text
 * @param problems what reading and parsing it found
 */
record ParsedFile(Optional<UnitFile> file, Optional<String> sha256, List<Problem> problems) {
}

package dev.berth.repo;

import java.util.List;
import java.util.Optional;

/**
 * A supporting file as one read found it.
 *
 * @param sha256   of its content, empty when it was too large or could not be read
 * @param problems why not
 */
record FileDigest(Optional<String> sha256, List<Problem> problems) {
}

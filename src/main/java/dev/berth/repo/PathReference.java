package dev.berth.repo;

import dev.berth.unit.Entry;
import java.util.Optional;

/**
 * A file or folder of the repository that a unit uses, as named by one of its settings.
 *
 * @param entry    the setting that names it
 * @param written  the path as written in the setting
 * @param resolved the repository-relative path it resolves to; empty when it leaves the repository
 * @param shape    what the setting expects to find there
 */
public record PathReference(Entry entry, String written, Optional<String> resolved, Shape shape) {

    public enum Shape {
        FILE,
        DIRECTORY,
        /** bind mounts take either */
        FILE_OR_DIRECTORY
    }

    /** Paths with systemd specifiers ({@code ./%N/env}) only have a meaning on the host, at run time. */
    public boolean usesSpecifier() {
        return written.contains("%");
    }
}

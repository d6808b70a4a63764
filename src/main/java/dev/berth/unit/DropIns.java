package dev.berth.unit;

import java.util.ArrayList;
import java.util.List;

/**
 * Where systemd and quadlet look for drop-ins of a unit. For {@code foo-bar@x.container}:
 * {@code container.d/}, {@code foo-.container.d/}, {@code foo-bar@.container.d/},
 * {@code foo-bar@x.container.d/} — least specific first. Files from all of them are applied in
 * file-name order; a file in a more specific folder hides a same-named one in a less specific folder.
 */
public final class DropIns {

    private DropIns() {
    }

    /** Drop-in folder names (relative to the folder of the unit), least specific first. */
    public static List<String> directoriesFor(UnitName name) {
        String ext = name.kind().extension();
        List<String> dirs = new ArrayList<>();
        dirs.add(ext + ".d");
        String prefix = name.prefix();
        // every truncation after a dash: foo-bar-baz → foo-, foo-bar-
        for (int i = prefix.indexOf('-'); i >= 0 && i < prefix.length() - 1; i = prefix.indexOf('-', i + 1)) {
            dirs.add(prefix.substring(0, i + 1) + "." + ext + ".d");
        }
        if (name.instance() != null) {
            dirs.add(prefix + "@." + ext + ".d");
        }
        if (name.instance() == null || !name.instance().isEmpty()) {
            dirs.add(name.fileName() + ".d");
        }
        return dirs;
    }
}

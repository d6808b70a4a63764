package dev.berth.unit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * Where quadlet (and, the same way, systemd) looks for drop-ins of a unit. For
 * {@code foo-bar@x.container}: {@code container.d/}, {@code foo-.container.d/},
 * {@code foo-@.container.d/}, {@code foo-bar@.container.d/}, {@code foo-bar@x.container.d/} — least
 * specific first. Files from all of them are applied in file-name order; a file in a more specific
 * folder hides a same-named one in a less specific folder.
 *
 * <p>Per podman-systemd.unit(5): the type-wide folder ({@code container.d}), then one folder per
 * truncation of the name after each dash ({@code foo-bar-baz} → {@code foo-}, {@code foo-bar-}), each
 * also in template form ({@code foo-@}) when the unit is a template or an instance, then the
 * template's folder for an instance, then the unit's own folder. The instance part is never
 * truncated: {@code web@blue-green} does not search {@code web@blue-}.
 */
public final class DropIns {

    private DropIns() {
    }

    /** Drop-in folder names (relative to the folder of the unit), least specific first, no repeats. */
    public static List<String> directoriesFor(UnitName name) {
        String ext = "." + name.kind().extension() + ".d";
        boolean templated = name.instance() != null;
        List<String> dirs = new ArrayList<>();
        dirs.add(name.kind().extension() + ".d");
        String prefix = name.prefix();
        for (int dash = prefix.indexOf('-'); dash >= 0; dash = prefix.indexOf('-', dash + 1)) {
            String truncated = prefix.substring(0, dash + 1);
            dirs.add(truncated + ext);
            if (templated) {
                dirs.add(truncated + "@" + ext);
            }
        }
        if (name.isInstance()) {
            dirs.add(prefix + "@" + ext);
        }
        dirs.add(name.fileName() + ".d");
        return withoutEarlierRepeats(dirs);
    }

    // A name ending in a dash ("foo-") truncates to itself; keep the folder at its most specific place.
    private static List<String> withoutEarlierRepeats(List<String> dirs) {
        SequencedSet<String> unique = new LinkedHashSet<>();
        for (String dir : dirs.reversed()) {
            unique.add(dir);
        }
        return List.copyOf(unique.reversed());
    }
}

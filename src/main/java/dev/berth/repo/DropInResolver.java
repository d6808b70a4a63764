package dev.berth.repo;

import dev.berth.unit.DropIns;
import dev.berth.unit.UnitName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which drop-ins apply to a unit, in the order they are applied.
 *
 * <p>Berth searches the drop-in folders of {@link DropIns#directoriesFor} in two places: the unit's own
 * folder and the repository root. (Quadlet itself searches every folder of its search path, so a drop-in
 * folder anywhere would apply to a same-named unit anywhere; Berth keeps it to two predictable places and
 * warns about drop-in folders that apply to nothing.) When two drop-ins have the same file name, the one
 * in the unit's folder hides the one at the root, and within a folder the more specific drop-in folder
 * hides the less specific one ({@code web.container.d/} over {@code container.d/}). The survivors are
 * applied sorted by file name, whatever folder they come from — as systemd does.
 */
final class DropInResolver {

    private DropInResolver() {
    }

    /** Repository paths of the drop-ins for the unit at {@code unitPath}, in application order. */
    static List<String> dropInsFor(String unitPath, UnitName name, RepositoryTree tree) {
        List<String> folders = new ArrayList<>();
        folders.add(RepoPaths.parent(unitPath));
        if (!folders.get(0).isEmpty()) {
            folders.add("");
        }
        List<String> dirNames = new ArrayList<>(DropIns.directoriesFor(name));
        java.util.Collections.reverse(dirNames); // most specific first: the first one seen wins

        Map<String, String> byFileName = new LinkedHashMap<>();
        for (String folder : folders) {
            for (String dirName : dirNames) {
                for (String conf : confFilesIn(RepoPaths.join(folder, dirName), tree)) {
                    byFileName.putIfAbsent(RepoPaths.fileName(conf), conf);
                }
            }
        }
        return List.copyOf(new TreeMap<>(byFileName).values());
    }

    /** {@code *.conf} files directly in {@code dir} (not in its subfolders). */
    static List<String> confFilesIn(String dir, RepositoryTree tree) {
        if (!tree.isDirectory(dir)) {
            return List.of();
        }
        return tree.filesUnder(dir).stream()
                .filter(f -> RepoPaths.parent(f).equals(dir) && f.endsWith(".conf"))
                .toList();
    }

    /** True when a folder name has the form of a drop-in folder ({@code web.container.d}, {@code container.d}). */
    static boolean looksLikeDropInFolder(String folderName) {
        if (!folderName.endsWith(".d")) {
            return false;
        }
        String base = folderName.substring(0, folderName.length() - 2);
        return dev.berth.unit.UnitKind.fromExtension(base).isPresent()
                || dev.berth.unit.UnitKind.ofFileName(base).isPresent();
    }
}

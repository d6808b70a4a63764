package dev.berth.repo;

import dev.berth.unit.Entry;
import dev.berth.unit.UnitFile;
import dev.berth.unit.UnitKind;
import dev.berth.unit.UnitName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the repository files a quadlet uses, so that editing any of them restarts the unit.
 *
 * <p>Relative paths resolve against the folder of the unit file, as quadlet resolves them, except in
 * {@code .build} units, where {@code File=} and {@code IgnoreFile=} are read by {@code podman build}
 * from inside the build context. Absolute paths are host paths and not the repository's business. Rules:
 * <ul>
 *   <li>{@code EnvironmentFile=} (any quadlet kind): a file</li>
 *   <li>{@code Volume=./src:/dst} and {@code Mount=type=bind,source=./src,...} (container, pod, build): a
 *       file or a folder (all files under it); quadlet treats only sources starting with {@code .} as relative</li>
 *   <li>{@code .kube}: {@code Yaml=} and {@code ConfigMap=}, files</li>
 *   <li>{@code .build}: {@code SetWorkingDirectory=} the build context, all files under it
 *       ({@code unit} means the unit's folder, {@code file} the folder of {@code File=}; a URL context is
 *       fetched by podman, so nothing of it, File= and IgnoreFile= included, is in the repository),
 *       {@code File=} the Containerfile and {@code IgnoreFile=}</li>
 * </ul>
 * Plain systemd units get none: they are installed into systemd's flat unit folder, where relative paths
 * mean nothing.
 */
public final class SupportingPaths {

    private SupportingPaths() {
    }

    public static List<PathReference> of(UnitName name, String unitPath, UnitFile unit) {
        List<PathReference> refs = new ArrayList<>();
        UnitKind kind = name.kind();
        if (!kind.isQuadlet()) {
            return refs;
        }
        String section = kind.mainSection();
        String unitDir = RepoPaths.parent(unitPath);

        for (Entry e : EffectiveEntries.list(unit, section, "EnvironmentFile")) {
            addRelative(refs, e, e.value(), unitDir, PathReference.Shape.FILE);
        }
        for (Entry e : EffectiveEntries.list(unit, section, "Volume")) {
            int colon = e.value().indexOf(':');
            if (colon > 0 && e.value().startsWith(".")) {
                addRelative(refs, e, e.value().substring(0, colon), unitDir, PathReference.Shape.FILE_OR_DIRECTORY);
            }
        }
        for (Entry e : EffectiveEntries.list(unit, section, "Mount")) {
            boolean bind = MountOption.type(e.value()).map("bind"::equals).orElse(true);
            MountOption.source(e.value())
                    .filter(src -> bind && src.startsWith("."))
                    .ifPresent(src -> addRelative(refs, e, src, unitDir, PathReference.Shape.FILE_OR_DIRECTORY));
        }
        if (kind == UnitKind.KUBE) {
            for (String key : List.of("Yaml", "ConfigMap")) {
                for (Entry e : EffectiveEntries.list(unit, section, key)) {
                    addRelative(refs, e, e.value(), unitDir, PathReference.Shape.FILE);
                }
            }
        }
        if (kind == UnitKind.BUILD) {
            buildInputs(unit, unitDir, refs);
        }
        return refs;
    }

    private static void buildInputs(UnitFile unit, String unitDir, List<PathReference> refs) {
        Optional<Entry> file = EffectiveEntries.single(unit, "Build", "File").filter(e -> !isUrl(e.value()));
        Optional<Entry> context = EffectiveEntries.single(unit, "Build", "SetWorkingDirectory");
        // podman build runs in the context folder, so File= and IgnoreFile= are relative to it
        String fileBase = unitDir;
        if (context.isPresent() && isUrl(context.get().value())) {
            return; // a remote context: podman build fetches it, and File= and IgnoreFile= are inside it
        }
        if (context.isPresent()) {
            Entry e = context.get();
            String v = e.value();
            if (v.equals("unit")) {
                refs.add(new PathReference(e, v, Optional.of(unitDir), PathReference.Shape.DIRECTORY));
            } else if (v.equals("file")) {
                file.filter(f -> !f.value().startsWith("/"))
                        .flatMap(f -> RepoPaths.resolve(unitDir, f.value()))
                        .ifPresent(f -> refs.add(new PathReference(e, v, Optional.of(RepoPaths.parent(f)), PathReference.Shape.DIRECTORY)));
            } else if (v.equalsIgnoreCase("yaml")) {
                return; // a .kube keyword, not a folder: quadlet refuses it here (validate.BuildUnitRule says so)
            } else if (!isUrl(v) && !v.startsWith("/")) {
                Optional<String> dir = RepoPaths.resolve(unitDir, v);
                refs.add(new PathReference(e, v, dir, PathReference.Shape.DIRECTORY));
                fileBase = dir.orElse(unitDir);
            }
        }
        String base = fileBase;
        file.ifPresent(e -> addRelative(refs, e, e.value(), base, PathReference.Shape.FILE));
        EffectiveEntries.single(unit, "Build", "IgnoreFile")
                .ifPresent(e -> addRelative(refs, e, e.value(), base, PathReference.Shape.FILE));
    }

    private static void addRelative(List<PathReference> refs, Entry e, String path, String baseDir, PathReference.Shape shape) {
        String p = path.strip();
        // Absolute paths are the host's; quadlet leaves paths starting with a specifier untouched.
        if (p.isEmpty() || p.startsWith("/") || p.startsWith("%")) {
            return;
        }
        refs.add(new PathReference(e, p, RepoPaths.resolve(baseDir, p), shape));
    }

    /** URLs as podman build takes them; quadlet also counts "github.com/..." as one (a git repository). */
    private static boolean isUrl(String v) {
        return v.contains("://") || v.startsWith("git@") || v.startsWith("github.com/");
    }
}

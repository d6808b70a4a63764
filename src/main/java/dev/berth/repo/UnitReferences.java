package dev.berth.repo;

import dev.berth.unit.Entry;
import dev.berth.unit.UnitFile;
import dev.berth.unit.UnitKind;
import dev.berth.unit.UnitName;
import java.util.ArrayList;
import java.util.List;

/** Finds the units a unit names: the quadlet keys that link units and systemd's dependency keys. */
public final class UnitReferences {

    /** [Unit] keys that mean "this needs that started (first)". Before=, Conflicts= and PartOf= do not. */
    public static final List<String> DEPENDENCY_KEYS = List.of("Requires", "Requisite", "Wants", "BindsTo", "Upholds", "After");

    private UnitReferences() {
    }

    public static List<UnitReference> of(UnitName name, String path, UnitFile unit) {
        List<UnitReference> refs = new ArrayList<>();
        if (name.kind().isQuadlet()) {
            quadletReferences(name.kind().mainSection(), unit, refs);
        }
        for (String key : DEPENDENCY_KEYS) {
            for (Entry e : EffectiveEntries.list(unit, "Unit", key)) {
                for (String target : e.value().split("\\s+")) {
                    if (!target.isEmpty()) {
                        refs.add(new UnitReference(target, e, UnitReference.Kind.UNIT_DEPENDENCY));
                    }
                }
            }
        }
        triggered(name, path, unit, refs);
        return refs;
    }

    private static void quadletReferences(String section, UnitFile unit, List<UnitReference> refs) {
        for (Entry e : EffectiveEntries.list(unit, section, "Network")) {
            // Network=db.network:ip=10.0.0.2 — options follow the first colon
            addIfEndsWith(refs, e, before(e.value(), ':'), ".network", ".container");
        }
        EffectiveEntries.single(unit, section, "Pod").ifPresent(e -> addIfEndsWith(refs, e, e.value(), ".pod"));
        EffectiveEntries.single(unit, section, "Image").ifPresent(e -> addIfEndsWith(refs, e, e.value(), ".image", ".build"));
        for (Entry e : EffectiveEntries.list(unit, section, "Volume")) {
            if (e.value().contains(":")) {
                addIfEndsWith(refs, e, before(e.value(), ':'), ".volume");
            }
        }
        for (Entry e : EffectiveEntries.list(unit, section, "Mount")) {
            MountOption.source(e.value()).ifPresent(src -> addIfEndsWith(refs, e, src, ".volume", ".image", ".artifact"));
        }
    }

    private static void triggered(UnitName name, String path, UnitFile unit, List<UnitReference> refs) {
        UnitKind kind = name.kind();
        String key = switch (kind) {
            case TIMER, PATH -> "Unit";
            case SOCKET -> "Service";
            default -> null;
        };
        if (key == null) {
            return;
        }
        var explicit = EffectiveEntries.single(unit, kind.mainSection(), key);
        if (explicit.isPresent()) {
            refs.add(new UnitReference(explicit.get().value(), explicit.get(), UnitReference.Kind.TRIGGERS));
            return;
        }
        // A socket with Accept=yes starts instances of a template (foo@.service), not foo.service.
        if (kind == UnitKind.SOCKET && unit.value("Socket", "Accept").map(UnitOptionsReader::isTrue).orElse(false)) {
            return;
        }
        String stem = name.fileName().substring(0, name.fileName().length() - kind.extension().length() - 1);
        refs.add(new UnitReference(stem + ".service", new Entry(key, stem + ".service", path, 0), UnitReference.Kind.TRIGGERS));
    }

    private static void addIfEndsWith(List<UnitReference> refs, Entry e, String value, String... suffixes) {
        String v = value.strip();
        for (String suffix : suffixes) {
            if (v.length() > suffix.length() && v.endsWith(suffix)) {
                refs.add(new UnitReference(v, e, UnitReference.Kind.QUADLET_FILE));
                return;
            }
        }
    }

    private static String before(String s, char c) {
        int i = s.indexOf(c);
        return i < 0 ? s : s.substring(0, i);
    }
}

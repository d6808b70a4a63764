package dev.berth.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares two layer listings entry by entry: a small diffoscope for image layers. */
final class LayerDiff {

    /** One entry that differs, and how: "content", "mtime a → b", "owner", "mode", "only in the first build". */
    record Difference(String path, List<String> what) {
        @Override
        public String toString() {
            return "/" + path + ": " + String.join(", ", what);
        }
    }

    private LayerDiff() {
    }

    static List<Difference> between(Map<String, TarEntry> first, Map<String, TarEntry> second) {
        List<Difference> out = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(first.keySet());
        paths.addAll(second.keySet());
        for (String p : paths) {
            TarEntry a = first.get(p);
            TarEntry b = second.get(p);
            if (a == null || b == null) {
                out.add(new Difference(p, List.of(a == null ? "only in the second build" : "only in the first build")));
                continue;
            }
            List<String> what = new ArrayList<>();
            if (a.type() != b.type()) {
                what.add("type " + a.type() + " → " + b.type());
            }
            if (!a.content().equals(b.content()) || a.size() != b.size()) {
                what.add("content" + (a.size() != b.size() ? " (size " + a.size() + " → " + b.size() + ")" : ""));
            }
            if (!a.mtime().equals(b.mtime())) {
                what.add("mtime " + a.mtime() + " → " + b.mtime());
            }
            if (!a.owner().equals(b.owner())) {
                what.add("owner " + a.owner() + " → " + b.owner());
            }
            if (a.mode() != b.mode()) {
                what.add("mode " + Integer.toOctalString(a.mode()) + " → " + Integer.toOctalString(b.mode()));
            }
            if (!what.isEmpty()) {
                out.add(new Difference(p, what));
            }
        }
        return out;
    }
}

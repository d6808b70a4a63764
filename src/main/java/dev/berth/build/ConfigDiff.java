package dev.berth.build;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Names the fields of two image configs that differ ({@code created}, {@code history[1].created}, ...). */
final class ConfigDiff {
    private static final int LIMIT = 20;

    private ConfigDiff() {
    }

    static List<String> between(JsonNode a, JsonNode b) {
        List<String> out = new ArrayList<>();
        walk("", a, b, out);
        return out;
    }

    private static void walk(String at, JsonNode a, JsonNode b, List<String> out) {
        if (out.size() >= LIMIT || a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                walk(at.isEmpty() ? k : at + "." + k, a.path(k), b.path(k), out);
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                walk(at + "[" + i + "]", a.get(i), b.get(i), out);
            }
        } else if (!at.startsWith("rootfs.diff_ids")) { // layer differences are listed entry by entry
            out.add(at + ": " + brief(a) + " → " + brief(b));
        }
    }

    private static String brief(JsonNode n) {
        String s = n.isMissingNode() ? "(absent)" : n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}

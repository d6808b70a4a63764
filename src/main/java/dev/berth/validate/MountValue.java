package dev.berth.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code Mount=} value as quadlet reads it: comma-separated fields (double quotes may group a field),
 * the first {@code type=} field names the type, and for the types whose source quadlet resolves, the
 * last {@code source=}/{@code src=} field is the source.
 */
final class MountValue {

    private MountValue() {
    }

    /** What quadlet of {@code podman} refuses in this mount, with the fix; empty when it accepts it. */
    static Optional<String> problem(String value, PodmanTarget podman) {
        Optional<List<String>> fields = fields(value);
        if (fields.isEmpty()) {
            return Optional.of("quadlet cannot read it (a double quote inside a field): quote the whole field, e.g. \"source=a b\"");
        }
        String type = null;
        List<String> rest = new ArrayList<>();
        for (String f : fields.get()) {
            String[] kv = f.split("=", -1);
            if (type == null && kv.length == 2 && kv[0].equals("type")) {
                type = kv[1];
            } else {
                rest.add(f);
            }
        }
        if (type == null) {
            if (!podman.atLeast(5, 6)) {
                return Optional.of("it has no type=, which quadlet of Podman " + podman.version().text()
                        + " requires (5.6 and newer assume type=volume): add one, e.g. type=bind,source=/srv,destination=/srv");
            }
            type = "volume";
        }
        Set<String> resolved = podman.atLeast(5, 7) ? Set.of("volume", "bind", "glob", "image", "artifact") : Set.of("volume", "bind", "glob", "image");
        if (!resolved.contains(type)) {
            return Optional.empty();
        }
        String source = "";
        for (String f : rest) {
            int eq = f.indexOf('=');
            String key = eq < 0 ? f : f.substring(0, eq);
            if (key.equals("source") || key.equals("src")) {
                if (eq < 0) {
                    return Optional.of("'" + f + "' has no value: write " + f + "=NAME");
                }
                source = f.substring(eq + 1);
            }
        }
        if (source.isEmpty()) {
            return Optional.of("a " + type + " mount needs a source, and quadlet refuses it without one: add source=..."
                    + " (a path, a volume name or a repository ." + (type.equals("image") ? "image" : "volume") + " unit)");
        }
        return Optional.empty();
    }

    /** The fields as Go's CSV reader splits one line; empty when it would refuse the line. */
    static Optional<List<String>> fields(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = value.length();
        while (true) {
            field.setLength(0);
            if (i < n && value.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        return Optional.empty(); // no closing quote
                    }
                    char c = value.charAt(i++);
                    if (c == '"') {
                        if (i < n && value.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < n && value.charAt(i) != ',') {
                    return Optional.empty(); // text after the closing quote
                }
            } else {
                while (i < n && value.charAt(i) != ',') {
                    char c = value.charAt(i++);
                    if (c == '"') {
                        return Optional.empty(); // a bare quote in an unquoted field
                    }
                    field.append(c);
                }
            }
            out.add(field.toString());
            if (i >= n) {
                return Optional.of(out);
            }
            i++; // the comma
        }
    }
}

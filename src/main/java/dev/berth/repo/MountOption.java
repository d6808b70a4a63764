package dev.berth.repo;

import java.util.Optional;

/** Reads the parts of a {@code Mount=} value (podman's {@code --mount type=bind,source=./x,destination=/y}) Berth cares about. */
final class MountOption {

    private MountOption() {
    }

    static Optional<String> source(String mount) {
        return option(mount, "source", "src");
    }

    /** The mount type as written ({@code bind}, {@code volume}, {@code image}, ...), empty when not given. */
    static Optional<String> type(String mount) {
        return option(mount, "type");
    }

    private static Optional<String> option(String mount, String... names) {
        for (String part : mount.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).strip();
            for (String name : names) {
                if (key.equals(name)) {
                    return Optional.of(unquote(part.substring(eq + 1).strip()));
                }
            }
        }
        return Optional.empty();
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}

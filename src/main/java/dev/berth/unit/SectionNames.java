package dev.berth.unit;

/**
 * What a section name may contain: the stricter of systemd's rule (no control characters, quotes or
 * backslashes) and quadlet's (not empty, no brackets, no control characters). A name either of them
 * refuses would break the unit on one side, so Berth refuses it up front.
 */
final class SectionNames {

    private SectionNames() {
    }

    /** Why {@code name} is not a valid section name, or null when it is. */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "the section name is empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '[' || c == ']') {
                return "a section name cannot contain brackets";
            }
            if (Character.isISOControl(c)) {
                return "a section name cannot contain control characters";
            }
            if (c == '"' || c == '\'' || c == '\\') {
                return "a section name cannot contain quotes or backslashes";
            }
        }
        return null;
    }
}

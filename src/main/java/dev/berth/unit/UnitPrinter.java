package dev.berth.unit;

/**
 * Writes a unit back in canonical form: one {@code [Section]} block per section, one assignment a line.
 * What it writes parses back to the same sections, keys and values; a model that cannot be written
 * that way (a value with a line break, a key with '=', ...) is refused rather than silently altered.
 */
public final class UnitPrinter {

    private UnitPrinter() {
    }

    /** @throws IllegalArgumentException when a name, key or value cannot be written as unit syntax */
    public static String print(UnitFile unit) {
        StringBuilder out = new StringBuilder();
        for (Section s : unit.sections()) {
            String problem = SectionNames.problem(s.name());
            if (problem != null) {
                throw new IllegalArgumentException("cannot write section [" + s.name() + "]: " + problem);
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append('[').append(s.name()).append("]\n");
            for (Entry e : s.entries()) {
                checkKey(s, e.key());
                checkValue(s, e);
                out.append(e.key()).append('=').append(e.value()).append('\n');
            }
        }
        return out.toString();
    }

    private static void checkKey(Section s, String key) {
        String problem = null;
        if (key.isEmpty()) {
            problem = "the key is empty";
        } else if (key.indexOf('=') >= 0) {
            problem = "a key cannot contain '='";
        } else if (!key.equals(UnitParser.stripBlanks(key))) {
            problem = "a key cannot start or end with a blank";
        } else if ("#;[".indexOf(key.charAt(0)) >= 0) {
            problem = "a key cannot start with '#', ';' or '[' (it would read as a comment or a section)";
        } else if (hasLineBreak(key)) {
            problem = "a key cannot contain a line break or NUL";
        }
        if (problem != null) {
            throw new IllegalArgumentException("cannot write key '" + key + "' in [" + s.name() + "]: " + problem);
        }
    }

    private static void checkValue(Section s, Entry e) {
        String v = e.value();
        String problem = null;
        if (hasLineBreak(v)) {
            problem = "a value cannot contain a line break or NUL";
        } else if (!v.equals(UnitParser.stripBlanks(v))) {
            problem = "a value cannot start or end with a blank (the parser strips it)";
        } else if (endsWithOddBackslashes(v)) {
            problem = "a value cannot end with a single backslash (it would continue the line)";
        }
        if (problem != null) {
            throw new IllegalArgumentException(
                    "cannot write " + e.key() + "= in [" + s.name() + "]: " + problem);
        }
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\0') >= 0;
    }

    private static boolean endsWithOddBackslashes(String s) {
        int n = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }
}

package dev.berth.unit;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads systemd unit syntax (systemd.syntax(7)) exactly as systemd and quadlet do. A general INI
 * library gets continuations, comments inside continuations and repeated keys wrong, hence our own.
 *
 * <ul>
 *   <li>Lines whose first non-blank character is {@code #} or {@code ;} are comments.</li>
 *   <li>A line ending in an odd number of backslashes continues on the next line; the backslash
 *       becomes a space, and comment lines inside a continuation are skipped.</li>
 *   <li>Keys may repeat; values keep their inner text as written (quotes and {@code %} specifiers are
 *       interpreted later, per setting, by systemd or quadlet — not here).</li>
 * </ul>
 */
public final class UnitParser {

    private UnitParser() {
    }

    /**
     * @param path repository-relative path, used in errors and kept on every entry
     * @param text the whole file
     */
    public static UnitFile parse(String path, String text) throws UnitSyntaxException {
        List<Section> sections = new ArrayList<>();
        String sectionName = null;
        int sectionLine = 0;
        List<Entry> entries = new ArrayList<>();

        String[] lines = text.split("\n", -1);
        StringBuilder continued = null;
        int startLine = 0;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String raw = lines[i];
            if (raw.endsWith("\r")) {
                raw = raw.substring(0, raw.length() - 1);
            }
            if (raw.indexOf('\0') >= 0) {
                throw new UnitSyntaxException(path, lineNo, "contains a NUL byte: unit files are text; is this a binary file?");
            }
            String stripped = raw.strip();
            if (continued != null && isComment(stripped)) {
                continue;
            }
            boolean continues = endsWithContinuation(raw);
            String content = continues ? raw.substring(0, raw.length() - 1) + " " : raw;
            if (continued != null) {
                continued.append(content);
            } else {
                continued = new StringBuilder(content);
                startLine = lineNo;
            }
            if (continues && i + 1 < lines.length) {
                continue;
            }
            String logical = continued.toString().strip();
            continued = null;

            if (logical.isEmpty() || isComment(logical)) {
                continue;
            }
            if (logical.startsWith("[")) {
                if (!logical.endsWith("]") || logical.length() < 3) {
                    throw new UnitSyntaxException(path, startLine,
                            "invalid section header '" + logical + "': write it as [Name]");
                }
                String name = logical.substring(1, logical.length() - 1);
                if (name.contains("[") || name.contains("]")) {
                    throw new UnitSyntaxException(path, startLine,
                            "invalid section header '" + logical + "': a section name cannot contain brackets");
                }
                if (sectionName != null) {
                    sections.add(new Section(sectionName, path, sectionLine, entries));
                }
                sectionName = name;
                sectionLine = startLine;
                entries = new ArrayList<>();
                continue;
            }
            int eq = logical.indexOf('=');
            if (eq < 0) {
                throw new UnitSyntaxException(path, startLine,
                        "missing '=' in '" + abbreviate(logical) + "': each setting is Key=Value");
            }
            String key = logical.substring(0, eq).strip();
            String value = logical.substring(eq + 1).strip();
            if (key.isEmpty()) {
                throw new UnitSyntaxException(path, startLine, "setting without a key before '='");
            }
            if (sectionName == null) {
                throw new UnitSyntaxException(path, startLine,
                        "'" + key + "=' is outside any section: put it under a [Section] header");
            }
            entries.add(new Entry(key, value, path, startLine));
        }
        if (sectionName != null) {
            sections.add(new Section(sectionName, path, sectionLine, entries));
        }
        return new UnitFile(path, sections);
    }

    private static boolean isComment(String stripped) {
        return !stripped.isEmpty() && (stripped.charAt(0) == '#' || stripped.charAt(0) == ';');
    }

    // An escaped backslash ("\\") at the end is a literal backslash, not a continuation.
    private static boolean endsWithContinuation(String raw) {
        int n = 0;
        for (int i = raw.length() - 1; i >= 0 && raw.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}

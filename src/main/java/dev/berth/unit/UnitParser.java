package dev.berth.unit;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads systemd unit syntax (systemd.syntax(7)) as systemd's own config parser does. A general INI
 * library gets continuations, comments inside continuations and repeated keys wrong, hence our own.
 *
 * <ul>
 *   <li>A physical line whose first non-blank character is {@code #} or {@code ;} is a comment. It is
 *       dropped before continuations are looked at, so a comment never continues (even when it ends in
 *       a backslash) and a comment inside a continuation is skipped.</li>
 *   <li>A line ending in an odd number of backslashes continues on the next line; that backslash
 *       becomes a space. An escaped backslash ({@code \\}) at the end is not a continuation. A
 *       continuation on the last line ends the file like a line break would. In files quadlet reads
 *       (quadlets and their drop-ins) blanks after that backslash are dropped first, as quadlet trims
 *       each line before it looks for a continuation.</li>
 *   <li>Blanks are space and tab only, as in systemd; other Unicode spaces are kept in keys and values.</li>
 *   <li>Keys may repeat; values keep their inner text as written (quotes and {@code %} specifiers are
 *       interpreted later, per setting, by systemd or quadlet — not here).</li>
 * </ul>
 *
 * <p>Where systemd only warns and skips a line (no '=', no section yet), we fail: Berth deploys the
 * file, and a line that systemd silently ignores is a mistake the author wants to hear about. We also
 * fail on text that systemd and Podman's quadlet parser read differently — a NUL, a carriage return
 * not followed by a line feed (both line breaks to systemd, value text to quadlet), and a byte order
 * mark (skipped by systemd, a syntax error to quadlet). Quadlet also joins continuations without the
 * space and ignores escaped backslashes; we follow systemd, which is what the syntax page specifies.
 *
 * <p>Errors and entries carry the line on which the logical line starts; systemd's own messages
 * name the line where a continued line ends.
 */
public final class UnitParser {

    private UnitParser() {
    }

    /**
     * @param path repository-relative path, used in errors and kept on every entry
     * @param text the whole file
     */
    public static UnitFile parse(String path, String text) throws UnitSyntaxException {
        if (text.startsWith("\uFEFF")) {
            throw new UnitSyntaxException(path, 1,
                    "starts with a UTF-8 byte order mark, which quadlet rejects: save the file without it");
        }
        SectionCollector sections = new SectionCollector(path);
        boolean readByQuadlet = readByQuadlet(path);
        String[] lines = text.split("\n", -1);
        StringBuilder continued = null;
        int startLine = 0;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String raw = withoutLineEnd(path, lineNo, lines[i]);
            if (readByQuadlet) {
                raw = stripTrailingBlanks(raw);
            }
            if (isComment(raw)) {
                continue;
            }
            boolean continues = endsWithContinuation(raw);
            String content = continues ? raw.substring(0, raw.length() - 1) + " " : raw;
            if (continued == null) {
                continued = new StringBuilder(content);
                startLine = lineNo;
            } else {
                continued.append(content);
            }
            if (!continues) {
                sections.accept(continued.toString(), startLine);
                continued = null;
            }
        }
        if (continued != null) {
            // systemd.syntax(7): a continuation on the last line simply ends there
            sections.accept(continued.toString(), startLine);
        }
        return new UnitFile(path, sections.finish());
    }

    // Splitting on '\n' leaves the '\r' of CRLF files, which systemd reads as part of the line break.
    private static String withoutLineEnd(String path, int lineNo, String raw) throws UnitSyntaxException {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (line.indexOf('\0') >= 0) {
            throw new UnitSyntaxException(path, lineNo, "contains a NUL byte: unit files are text; is this a binary file?");
        }
        if (line.indexOf('\r') >= 0) {
            throw new UnitSyntaxException(path, lineNo,
                    "contains a carriage return inside the line, which systemd reads as a line break and quadlet"
                            + " as text: use LF or CRLF line endings only");
        }
        return line;
    }

    /** A quadlet, or a drop-in of one ({@code web.container.d/x.conf}, {@code container.d/x.conf}). */
    private static boolean readByQuadlet(String path) {
        String[] parts = path.split("/");
        String file = parts[parts.length - 1];
        if (UnitKind.ofFileName(file).map(UnitKind::isQuadlet).orElse(false)) {
            return true;
        }
        if (parts.length < 2 || !file.endsWith(".conf")) {
            return false;
        }
        String folder = parts[parts.length - 2];
        if (!folder.endsWith(".d")) {
            return false;
        }
        String unit = folder.substring(0, folder.length() - 2);
        return UnitKind.fromExtension(unit).or(() -> UnitKind.ofFileName(unit)).map(UnitKind::isQuadlet).orElse(false);
    }

    private static String stripTrailingBlanks(String s) {
        int end = s.length();
        while (end > 0 && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    static String stripBlanks(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isBlank(s.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isComment(String raw) {
        int i = 0;
        while (i < raw.length() && isBlank(raw.charAt(i))) {
            i++;
        }
        return i < raw.length() && (raw.charAt(i) == '#' || raw.charAt(i) == ';');
    }

    // An escaped backslash ("\\") at the end is a literal backslash, not a continuation.
    private static boolean endsWithContinuation(String raw) {
        int n = 0;
        for (int i = raw.length() - 1; i >= 0 && raw.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** Turns logical lines into sections, checking each the way systemd and quadlet would. */
    private static final class SectionCollector {
        private final String path;
        private final List<Section> sections = new ArrayList<>();
        private String name;
        private int line;
        private List<Entry> entries = new ArrayList<>();

        SectionCollector(String path) {
            this.path = path;
        }

        void accept(String logicalLine, int startLine) throws UnitSyntaxException {
            String logical = stripBlanks(logicalLine);
            if (logical.isEmpty()) {
                return;
            }
            if (logical.charAt(0) == '[') {
                startSection(logical, startLine);
                return;
            }
            int eq = logical.indexOf('=');
            if (eq < 0) {
                throw new UnitSyntaxException(path, startLine,
                        "missing '=' in '" + abbreviate(logical) + "': each setting is Key=Value");
            }
            String key = stripBlanks(logical.substring(0, eq));
            String value = stripBlanks(logical.substring(eq + 1));
            if (key.isEmpty()) {
                throw new UnitSyntaxException(path, startLine, "setting without a key before '='");
            }
            if (name == null) {
                throw new UnitSyntaxException(path, startLine,
                        "'" + key + "=' is outside any section: put it under a [Section] header");
            }
            entries.add(new Entry(key, value, path, startLine));
        }

        private void startSection(String logical, int startLine) throws UnitSyntaxException {
            if (logical.length() < 2 || logical.charAt(logical.length() - 1) != ']') {
                throw new UnitSyntaxException(path, startLine,
                        "invalid section header '" + abbreviate(logical) + "': write it as [Name]");
            }
            String newName = logical.substring(1, logical.length() - 1);
            String problem = SectionNames.problem(newName);
            if (problem != null) {
                throw new UnitSyntaxException(path, startLine,
                        "invalid section header '" + abbreviate(logical) + "': " + problem);
            }
            flush();
            name = newName;
            line = startLine;
            entries = new ArrayList<>();
        }

        private void flush() {
            if (name != null) {
                sections.add(new Section(name, path, line, entries));
            }
        }

        List<Section> finish() {
            flush();
            return sections;
        }

        private static String abbreviate(String s) {
            return s.length() <= 60 ? s : s.substring(0, 57) + "...";
        }
    }
}

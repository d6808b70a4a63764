package dev.berth.unit;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a unit setting's value into words, the way systemd and quadlet do (systemd.syntax(7), quadlet's
 * {@code splitString}): blanks (space, tab, newline, return) separate words, single and double quotes group
 * anywhere in a word and are removed, and an empty quoted word ({@code ""}) is a word. What a backslash
 * means, and what happens to malformed input, depends on the {@link Mode}: the settings genuinely differ.
 */
public final class UnitWords {

    private static final String BLANKS = " \t\n\r";
    private static final String EXEC_PREFIXES = "-@:+!";

    /** How a setting's value is split. */
    public enum Mode {
        /**
         * A systemd {@code Exec*=} command line: C escapes decoded (inside quotes too), {@code %%} is a percent
         * sign, and the executable's {@code -@:+!} prefixes are dropped. Relaxed like {@link #ARGUMENTS}.
         */
        COMMAND_LINE,
        /**
         * Quadlet's {@code LookupAllArgs}/{@code LookupLastArgs} (and systemd's {@code Environment=}): C escapes
         * decoded, inside quotes too. Relaxed: an unclosed quote ends the last word, a trailing backslash is
         * dropped (quadlet's {@code SplitRelax}), and an escape quadlet does not know stands for the escaped
         * character itself ({@code \ } is a blank inside a word, as in systemd's command lines).
         */
        ARGUMENTS,
        /**
         * As {@link #ARGUMENTS}, but what quadlet refuses is refused ({@link IllegalArgumentException}): an
         * unknown escape, a NUL. An unclosed quote and a trailing backslash are refused too: they are almost
         * always typos, and the words they would make are not the ones meant.
         */
        STRICT_ARGUMENTS,
        /**
         * Quadlet's {@code LookupAllStrv} (systemd's {@code config_parse_strv}), for lists of names such as
         * {@code Requires=}: a backslash is an ordinary character. An unclosed quote ends the last word.
         */
        LIST;

        boolean decodesEscapes() {
            return this != LIST;
        }

        boolean strict() {
            return this == STRICT_ARGUMENTS;
        }
    }

    private UnitWords() {
    }

    /** @throws IllegalArgumentException only in {@link Mode#STRICT_ARGUMENTS}, naming the problem */
    public static List<String> split(String value, Mode mode) {
        String s = mode == Mode.COMMAND_LINE ? withoutExecPrefixes(value) : value;
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && mode.decodesEscapes()) {
                i = unescape(s, i, word, mode);
                inWord = true;
            } else if (c == '%' && mode == Mode.COMMAND_LINE && s.startsWith("%", i + 1)) {
                word.append('%'); // systemd's specifier for a percent sign, expanded inside quotes too
                i++;
                inWord = true;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (BLANKS.indexOf(c) >= 0) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0 && mode.strict()) {
            throw new IllegalArgumentException("the quote " + quote + " is not closed: close it, or escape it as \\" + quote);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** The line without its leading blanks and the prefixes systemd reads off the executable ({@code -/bin/true}). */
    private static String withoutExecPrefixes(String line) {
        int i = 0;
        while (i < line.length() && BLANKS.indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        while (i < line.length() && EXEC_PREFIXES.indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        return line.substring(i);
    }

    /**
     * Appends what the escape at {@code at} (a backslash) stands for; returns the index of its last character.
     *
     * @throws IllegalArgumentException in strict mode, for an escape quadlet refuses or a trailing backslash
     */
    private static int unescape(String s, int at, StringBuilder out, Mode mode) {
        if (at + 1 >= s.length()) {
            if (mode.strict()) {
                throw new IllegalArgumentException("ends in a backslash: write \\\\ for a backslash");
            }
            return at;
        }
        char n = s.charAt(at + 1);
        int last = switch (n) {
            case 'a' -> simple(out, '\u0007', at);
            case 'b' -> simple(out, '\b', at);
            case 'f' -> simple(out, '\f', at);
            case 'n' -> simple(out, '\n', at);
            case 'r' -> simple(out, '\r', at);
            case 't' -> simple(out, '\t', at);
            case 'v' -> simple(out, '\u000b', at);
            case 's' -> simple(out, ' ', at);
            case '\\', '"', '\'' -> simple(out, n, at);
            case 'x' -> number(s, at + 2, 2, 16, out);
            case 'u' -> number(s, at + 2, 4, 16, out);
            case 'U' -> number(s, at + 2, 8, 16, out);
            case '0', '1', '2', '3', '4', '5', '6', '7' -> number(s, at + 1, 3, 8, out); // \NNN: digits follow the backslash
            default -> -1;
        };
        if (last >= 0) {
            return last;
        }
        if (mode.strict()) {
            String escape = s.substring(at, at + 2);
            throw new IllegalArgumentException("has the escape " + escape + ", which quadlet does not know: write \\\\"
                    + " for a backslash (known: \\n \\t \\s \\\" \\' \\\\ \\xHH \\uHHHH \\NNN)");
        }
        out.append(n); // relaxed: the escaped character itself, as "\ " and "\d" read in a command line
        return at + 1;
    }

    private static int simple(StringBuilder out, char c, int at) {
        out.append(c);
        return at + 1;
    }

    /**
     * Appends the code point whose {@code digits} digits in {@code radix} begin at {@code start}; returns the
     * index of the last digit, or -1 when they are not all there, or name NUL or no character.
     */
    private static int number(String s, int start, int digits, int radix, StringBuilder out) {
        int end = start + digits;
        if (end > s.length() || !s.substring(start, end).chars().allMatch(c -> c < 128 && Character.digit(c, radix) >= 0)) {
            return -1;
        }
        long codePoint = Long.parseLong(s.substring(start, end), radix);
        boolean fits = radix == 8 ? codePoint <= 255 : codePoint <= Character.MAX_CODE_POINT;
        if (codePoint == 0 || !fits) {
            return -1;
        }
        out.appendCodePoint((int) codePoint);
        return end - 1;
    }
}

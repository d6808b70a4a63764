package dev.berth.mcp.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code Exec=} and {@code Environment=} values of a {@code .mcp} file into words the way quadlet
 * splits them in a {@code .container} (systemd's word splitting with unquoting and C escapes): blanks
 * separate words, single and double quotes group anywhere in a word, and {@code \n}, {@code \t},
 * {@code \s}, {@code \\}, {@code \"}, {@code \xHH} and the like are decoded, inside quotes too. An
 * escape systemd does not know stays as written. Unlike quadlet, an unterminated quote is refused: it
 * is almost always a typo, and the arguments it would make are not the ones meant.
 */
final class ExecWords {

    private ExecWords() {
    }

    /** @throws IllegalArgumentException naming the problem, when a quote is not closed */
    static List<String> split(String value) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i = unescape(value, i, word);
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
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
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
        if (quote != 0) {
            throw new IllegalArgumentException("the quote " + quote + " is not closed: close it, or escape it as \\" + quote);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends the character the escape at {@code at} stands for; returns the index of its last character. */
    private static int unescape(String s, int at, StringBuilder out) {
        if (at + 1 >= s.length()) {
            out.append('\\');
            return at;
        }
        char n = s.charAt(at + 1);
        switch (n) {
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 's' -> out.append(' ');
            case '\\', '"', '\'' -> out.append(n);
            case 'x' -> {
                return hex(s, at, 2, out);
            }
            case 'u' -> {
                return hex(s, at, 4, out);
            }
            case 'U' -> {
                return hex(s, at, 8, out);
            }
            default -> {
                if (n >= '0' && n <= '7' && at + 3 < s.length() && isOctal(s.charAt(at + 2)) && isOctal(s.charAt(at + 3))) {
                    out.append((char) Integer.parseInt(s.substring(at + 1, at + 4), 8));
                    return at + 3;
                }
                out.append('\\').append(n); // systemd's relaxed mode: an unknown escape is taken literally
            }
        }
        return at + 1;
    }

    private static int hex(String s, int at, int digits, StringBuilder out) {
        int start = at + 2;
        int end = start + digits;
        if (end <= s.length() && s.substring(start, end).chars().allMatch(ExecWords::isHex)) {
            int codePoint = Integer.parseInt(s.substring(start, end), 16);
            if (codePoint > 0 && Character.isValidCodePoint(codePoint)) {
                out.appendCodePoint(codePoint);
                return end - 1;
            }
        }
        out.append('\\').append(s.charAt(at + 1));
        return at + 1;
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    private static boolean isHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}

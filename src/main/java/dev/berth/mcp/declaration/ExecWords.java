package dev.berth.mcp.declaration;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code Exec=} and {@code Environment=} values of a {@code .mcp} file into words the way quadlet
 * splits them in a {@code .container} (systemd's word splitting with unquoting and C escapes): blanks
 * separate words, single and double quotes group anywhere in a word, and {@code \n}, {@code \t},
 * {@code \s}, {@code \\}, {@code \"}, {@code \xHH} and the like are decoded, inside quotes too. An
 * escape quadlet does not know is refused, as quadlet refuses it. Unlike quadlet, an unterminated quote
 * and a trailing backslash are refused too: they are almost always typos, and the arguments they would
 * make are not the ones meant.
 */
final class ExecWords {

    private ExecWords() {
    }

    /** @throws IllegalArgumentException naming the problem: a quote not closed, an escape quadlet refuses */
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

    /**
     * Appends the character the escape at {@code at} stands for; returns the index of its last character.
     *
     * @throws IllegalArgumentException for an escape quadlet refuses (unknown, NUL, or a trailing backslash)
     */
    private static int unescape(String s, int at, StringBuilder out) {
        if (at + 1 >= s.length()) {
            throw new IllegalArgumentException("ends in a backslash: write \\\\ for a backslash");
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
                return number(s, at, at + 2, 2, 16, out);
            }
            case 'u' -> {
                return number(s, at, at + 2, 4, 16, out);
            }
            case 'U' -> {
                return number(s, at, at + 2, 8, 16, out);
            }
            default -> {
                if (n >= '0' && n <= '7') {
                    return number(s, at, at + 1, 3, 8, out); // \NNN: the digits follow the backslash
                }
                throw unknown(s, at);
            }
        }
        return at + 1;
    }

    /** The escape at {@code at} whose {@code digits} digits in {@code radix} begin at {@code start}. */
    private static int number(String s, int at, int start, int digits, int radix, StringBuilder out) {
        int end = start + digits;
        if (end <= s.length() && s.substring(start, end).chars().allMatch(c -> c < 128 && Character.digit(c, radix) >= 0)) {
            long codePoint = Long.parseLong(s.substring(start, end), radix);
            boolean fits = radix == 8 ? codePoint <= 255 : Character.isValidCodePoint((int) Math.min(codePoint, Integer.MAX_VALUE));
            if (codePoint > 0 && fits) {
                out.appendCodePoint((int) codePoint);
                return end - 1;
            }
        }
        throw unknown(s, at);
    }

    private static IllegalArgumentException unknown(String s, int at) {
        String escape = s.substring(at, Math.min(s.length(), at + 2));
        return new IllegalArgumentException("has the escape " + escape + ", which quadlet does not know: write \\\\"
                + " for a backslash (known: \\n \\t \\s \\\" \\' \\\\ \\xHH \\uHHHH \\NNN)");
    }
}

package dev.berth.build;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a systemd {@code ExecStart=} command line into arguments, per systemd.service(5): words are
 * separated by whitespace, double and single quotes group, a backslash escapes the next character, and
 * {@code %%} is a literal percent sign. Leading {@code -@:+!} prefixes are dropped.
 */
final class ExecLine {

    private ExecLine() {
    }

    static List<String> split(String line) {
        String s = line.strip();
        while (!s.isEmpty() && "-@:+!".indexOf(s.charAt(0)) >= 0) {
            s = s.substring(1);
        }
        List<String> args = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                word.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 's' -> ' ';
                    default -> n;
                });
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
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    args.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '%' && i + 1 < s.length() && s.charAt(i + 1) == '%') {
                word.append('%');
                i++;
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            args.add(word.toString());
        }
        return args;
    }
}

package dev.berth.validate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How quadlet reads {@code SetWorkingDirectory=} and build paths: which values a kind takes, whether a
 * path is a URL, and whether it starts with a systemd specifier.
 */
final class WorkingDirectory {

    /** quadlet's URL test; its alternation really does accept anything starting with "http" or containing "github.com/" */
    private static final Pattern URL = Pattern.compile("^((https?)|(git)://)|(github\\.com/).+$");

    private WorkingDirectory() {
    }

    static String mode(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    static boolean isUrl(String value) {
        return URL.matcher(value).find();
    }

    static boolean isAbsolute(String path) {
        return path.startsWith("/");
    }

    /** {@code %h/...}: a systemd specifier, which quadlet leaves for systemd to resolve ({@code %%} is a literal %) */
    static boolean startsWithSpecifier(String path) {
        return path.startsWith("%") && !path.startsWith("%%");
    }
}

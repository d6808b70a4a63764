package dev.berth.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Escaping and the frame every console page shares: landmarks, navigation, the sign-out form. */
final class Html {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Html() {
    }

    /** What a page knows of the browser that asked: its CSRF token, and whether writes are offered. */
    record Viewer(String csrf, boolean canWrite) {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String time(long epochMillis) {
        return epochMillis <= 0 ? "never" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    static String shortId(String commit) {
        return commit == null ? "" : commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    /** Opens a page: head, skip link, header with the host and navigation, then {@code <main>}. */
    static StringBuilder open(String title, String host, Viewer viewer) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" · Berth on ").append(esc(host)).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/console.css\">")
                .append("<script src=\"/static/console.js\" defer></script></head><body>")
                .append("<a class=\"skip\" href=\"#main\">Skip to content</a><header><p class=\"brand\">Berth on <strong>")
                .append(esc(host)).append("</strong></p>");
        if (viewer != null) {
            b.append("<nav aria-label=\"Console\"><a href=\"/\">Overview</a><a href=\"/pending\">Pending change</a>")
                    .append("<a href=\"/history\">History</a></nav>")
                    .append("<form method=\"post\" action=\"/sign-out\">").append(csrfField(viewer))
                    .append("<button type=\"submit\">Sign out</button></form>");
        }
        b.append("</header><main id=\"main\"><h1>").append(esc(title)).append("</h1>");
        return b;
    }

    static String close(StringBuilder b) {
        return b.append("</main></body></html>").toString();
    }

    static String csrfField(Viewer viewer) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(viewer.csrf()) + "\">";
    }

    /** A write button, in a POST form with the CSRF token; nothing when the console is read-only. */
    static void writeButton(StringBuilder b, Viewer viewer, String action, String label, String hiddenName, String hiddenValue) {
        if (!viewer.canWrite()) {
            return;
        }
        b.append("<form method=\"post\" class=\"write\" action=\"").append(esc(action)).append("\">").append(csrfField(viewer));
        if (hiddenName != null) {
            b.append("<input type=\"hidden\" name=\"").append(esc(hiddenName)).append("\" value=\"").append(esc(hiddenValue))
                    .append("\">");
        }
        b.append("<button type=\"submit\">").append(esc(label)).append("</button></form>");
    }

    static void badge(StringBuilder b, String kind, String label) {
        b.append("<span class=\"badge ").append(kind).append("\">").append(esc(label)).append("</span>");
    }

    static void pre(StringBuilder b, String label, String text) {
        b.append("<pre tabindex=\"0\" aria-label=\"").append(esc(label)).append("\">").append(esc(text)).append("</pre>");
    }
}

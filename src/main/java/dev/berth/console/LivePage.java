package dev.berth.console;

/** A write as it runs: console.js follows {@code /events} and lists each step, then how it ended. */
final class LivePage {
    private LivePage() {
    }

    static String render(String host, Html.Viewer viewer) {
        StringBuilder b = Html.open("Live progress", host, viewer);
        b.append("<ol id=\"live\" aria-live=\"polite\" data-events=\"/events\"></ol>")
                .append("<p id=\"live-result\" role=\"status\"></p>")
                .append("<noscript><p>Reload this page to see the steps; the <a href=\"/\">overview</a> shows the result.</p>")
                .append("</noscript><p><a href=\"/\">Back to the overview</a></p>");
        return Html.close(b);
    }
}

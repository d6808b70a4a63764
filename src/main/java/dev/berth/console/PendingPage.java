package dev.berth.console;

import static dev.berth.console.Html.esc;

import dev.berth.FileDiffs.FileDiff;
import dev.berth.apply.SyncOutcome;
import dev.berth.plan.PlanPrinter;
import java.util.List;

/** What the next sync would do, with the reason for each step, and the unified diff of each file: before Sync. */
final class PendingPage {
    private PendingPage() {
    }

    static String render(SyncOutcome planned, List<FileDiff> diffs, String host, Html.Viewer viewer) {
        StringBuilder b = Html.open("Pending change", host, viewer);
        if (planned.plan() == null) {
            b.append("<p class=\"error\" id=\"plan-error\">The next sync would fail or be refused: ")
                    .append(esc(planned.report().error())).append("</p>");
            return Html.close(b);
        }
        b.append("<section aria-labelledby=\"plan-h\"><h2 id=\"plan-h\">Plan for <code>").append(esc(Html.shortId(planned.commit())))
                .append("</code></h2>");
        Html.pre(b, "plan", PlanPrinter.render(planned.plan(), planned.commit()));
        Html.writeButton(b, viewer, "/sync", "Sync now", null, null);
        b.append("</section><section aria-labelledby=\"diff-h\"><h2 id=\"diff-h\">Files</h2>");
        if (diffs.isEmpty()) {
            b.append("<p>No file changes.</p>");
        }
        for (FileDiff d : diffs) {
            b.append("<h3><code>").append(esc(d.target())).append("</code></h3><pre class=\"diff\" tabindex=\"0\" aria-label=\"diff of ")
                    .append(esc(d.target())).append("\">");
            for (String line : d.unified().split("\n", -1)) {
                String kind = line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : line.startsWith("@@") ? "hunk" : null;
                if (kind == null) {
                    b.append(esc(line)).append('\n');
                } else {
                    b.append("<span class=\"").append(kind).append("\">").append(esc(line)).append("</span>\n");
                }
            }
            b.append("</pre>");
        }
        b.append("</section>");
        return Html.close(b);
    }
}

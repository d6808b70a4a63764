package dev.berth.console;

import static dev.berth.console.Html.esc;

import dev.berth.state.Deployment;
import dev.berth.state.SyncResult;
import java.util.List;

/** The deployments of this host, newest first, with a Rollback button on each good one but the deployed. */
final class HistoryPage {
    static final int SHOWN = 100;

    private HistoryPage() {
    }

    static String render(List<Deployment> history, String deployed, String host, Html.Viewer viewer) {
        StringBuilder b = Html.open("History", host, viewer);
        if (history.isEmpty()) {
            b.append("<p>No deployments yet.</p>");
            return Html.close(b);
        }
        List<Deployment> newest = history.subList(Math.max(0, history.size() - SHOWN), history.size()).reversed();
        b.append("<p>The newest ").append(newest.size()).append(" of ").append(history.size()).append(" deployments.</p>")
                .append("<div class=\"scroll\"><table id=\"history\"><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Commit</th>")
                .append("<th scope=\"col\">Result</th><th scope=\"col\">Why</th><th scope=\"col\">Message</th>")
                .append(viewer.canWrite() ? "<th scope=\"col\">Action</th>" : "").append("</tr></thead><tbody>");
        for (Deployment d : newest) {
            b.append("<tr><td>").append(Html.time(d.appliedAt())).append("</td><td><code>").append(esc(Html.shortId(d.commit())))
                    .append("</code></td><td>");
            Html.badge(b, "result-" + d.result().word(), d.result().word());
            b.append("</td><td>").append(esc(d.reason().word())).append("</td><td>").append(esc(d.subject()))
                    .append(d.rewoundFrom() == null ? "" : " (rewound from " + esc(Html.shortId(d.rewoundFrom())) + ")").append("</td>");
            if (viewer.canWrite()) {
                b.append("<td>");
                if (d.result() == SyncResult.OK && !d.commit().equals(deployed)) {
                    Html.writeButton(b, viewer, "/rollback", "Roll back to " + Html.shortId(d.commit()), "commit", d.commit());
                } else if (d.commit().equals(deployed)) {
                    b.append("deployed");
                }
                b.append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table></div>");
        return Html.close(b);
    }
}

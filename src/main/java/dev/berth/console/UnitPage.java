package dev.berth.console;

import static dev.berth.console.Html.esc;

import dev.berth.status.UnitState;
import java.util.List;

/** One unit: its state, its file as installed, the service systemd runs for it, and its last journal lines. */
final class UnitPage {
    private UnitPage() {
    }

    /**
     * @param installedPath where its file is on the host, or null when Berth recorded none
     * @param installedText that file's text with secret values hidden, or null
     * @param service       {@code systemctl cat} of it (for a quadlet, the generated service), secrets hidden, or null
     * @param journal       its last journal lines, oldest first
     */
    record Detail(UnitState state, String installedPath, String installedText, String service, List<String> journal) {
    }

    static String render(Detail d, String host, Html.Viewer viewer) {
        UnitState u = d.state();
        StringBuilder b = Html.open(u.unit(), host, viewer);
        Health h = Health.of(u);
        b.append("<p class=\"states\">");
        Html.badge(b, "health-" + h.name().toLowerCase(java.util.Locale.ROOT), h.label());
        b.append("</p><dl><dt>systemd unit</dt><dd>").append(esc(u.systemdName())).append("</dd><dt>State</dt><dd>")
                .append(esc(u.activeState())).append(" (").append(esc(u.subState())).append(")")
                .append(u.result() == null || u.result().equals("success") ? "" : ", result " + esc(u.result()))
                .append("</dd><dt>Starts at boot</dt><dd>").append(u.autoStart() ? "yes" : "no (a timer or socket starts it)")
                .append("</dd>");
        if (u.health() != null) {
            b.append("<dt>Container health</dt><dd>").append(esc(u.health())).append("</dd>");
        }
        b.append("</dl>");
        Html.writeButton(b, viewer, "/units/" + u.unit() + "/restart", "Restart " + u.unit(), null, null);
        b.append("<section aria-labelledby=\"journal-h\"><h2 id=\"journal-h\">Last journal lines</h2>");
        if (d.journal().isEmpty()) {
            b.append("<p>The journal has no lines for this unit.</p>");
        } else {
            Html.pre(b, "journal of " + u.systemdName(), String.join("\n", d.journal()));
        }
        b.append("</section><section aria-labelledby=\"file-h\"><h2 id=\"file-h\">Installed file</h2>");
        if (d.installedText() == null) {
            b.append("<p>Berth recorded no file for this unit.</p>");
        } else {
            b.append("<p><code>").append(esc(d.installedPath())).append("</code></p>");
            Html.pre(b, "installed file", d.installedText());
        }
        b.append("</section><section aria-labelledby=\"service-h\"><h2 id=\"service-h\">Service systemd runs</h2>");
        if (d.service() == null) {
            b.append("<p>systemd does not know this unit.</p>");
        } else {
            Html.pre(b, "systemctl cat " + u.systemdName(), d.service());
        }
        b.append("</section>");
        return Html.close(b);
    }
}

package dev.berth.console;

import static dev.berth.console.Html.esc;

import dev.berth.build.BuildStatus;
import dev.berth.fleet.HostIdentity;
import dev.berth.git.CommitInfo;
import dev.berth.git.LastChange;
import dev.berth.git.RemoteUrls;
import dev.berth.git.SignatureStatus;
import dev.berth.mcp.gateway.McpServerStatus;
import dev.berth.mcp.gateway.ServedTools;
import dev.berth.state.SyncReport;
import dev.berth.status.Drift;
import dev.berth.status.StatusReport;
import dev.berth.status.UnitState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The first page: what the host follows, what is deployed and what waits, sync state and health, the last sync,
 * drift, and every unit (problems first, with a filter for hosts with hundreds), then builds, MCP servers and
 * the host's labels.
 */
final class OverviewPage {
    private OverviewPage() {
    }

    /** @param changes the commit that last changed each unit, by unit file name (units missing from it show none) */
    static String render(StatusReport r, Map<String, LastChange> changes, HostIdentity host, boolean syncing, Html.Viewer viewer) {
        StringBuilder b = Html.open("Overview", host.name(), viewer);
        SyncState sync = SyncState.of(r, syncing);
        Health health = Health.ofHost(r.units());
        b.append("<section aria-labelledby=\"state-h\"><h2 id=\"state-h\">State</h2><p class=\"states\">");
        Html.badge(b, "sync-" + sync.name().toLowerCase(java.util.Locale.ROOT), sync.label());
        Html.badge(b, "health-" + health.name().toLowerCase(java.util.Locale.ROOT), health.label());
        b.append("</p><dl><dt>Repository</dt><dd>").append(esc(RemoteUrls.redact(r.remote()))).append("</dd><dt>Ref</dt><dd>")
                .append(esc(r.ref())).append("</dd><dt>Path</dt><dd>").append(esc(r.path() == null || r.path().isEmpty() ? "/" : r.path()))
                .append("</dd><dt>Deployed</dt><dd id=\"deployed\">");
        commit(b, r.deployed());
        b.append("</dd><dt>Waiting</dt><dd id=\"waiting\">");
        if (r.pending() == null) {
            b.append("nothing: the deployed commit is the newest");
        } else {
            commit(b, r.pending());
            b.append(" <a href=\"/pending\">review the change</a>");
        }
        if (r.pinned() != null) {
            b.append("</dd><dt>Pinned</dt><dd>to ").append(esc(Html.shortId(r.pinned())))
                    .append(" by a rollback, until a new commit arrives or a sync resumes");
        }
        b.append("</dd><dt>Last sync</dt><dd id=\"last-sync\">");
        lastSync(b, r.lastSync());
        b.append("</dd>");
        Deliveries.render(b, r.lastWebhook(), r.lastNotification());
        b.append("</dl>");
        Html.writeButton(b, viewer, "/sync", r.pinned() == null ? "Sync now" : "Sync now (resume following " + r.ref() + ")",
                null, null);
        // any sync that starts while the page is open (the interval, a webhook, berth sync) shows here step by step;
        // console.js reloads the page when it ends, for the new state
        b.append("<div id=\"overview-live\" hidden><h3>Sync running</h3><ol id=\"live\" aria-live=\"polite\"")
                .append(" data-events=\"/events?run=next\" data-reload=\"1\"></ol><p id=\"live-result\" role=\"status\"></p></div>");
        b.append("</section>");
        drift(b, r.drift());
        units(b, r.units(), changes);
        builds(b, r.builds());
        mcpServers(b, r.mcpServers());
        labels(b, host);
        return Html.close(b);
    }

    private static void commit(StringBuilder b, CommitInfo c) {
        if (c == null) {
            b.append("none");
            return;
        }
        b.append("<code>").append(esc(c.shortId())).append("</code> ").append(esc(c.subject()))
                .append(" <span class=\"when\">").append(Html.time(c.commitTimeSeconds() * 1000)).append("</span>");
        if (c.author() != null) {
            b.append("<br>by ").append(esc(c.author()));
        }
        if (c.signature() != null) {
            SignatureStatus s = c.signature();
            b.append("<br>signature: ");
            Html.badge(b, "sig-" + s.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), s.kind().word());
            if (s.detail() != null) {
                b.append(' ').append(esc(s.detail()));
            }
        }
    }

    private static void lastSync(StringBuilder b, SyncReport s) {
        if (s == null) {
            b.append("none yet");
            return;
        }
        b.append(Html.time(s.finishedAt())).append(": <strong>").append(esc(s.result().word())).append("</strong>");
        if (s.commit() != null) {
            b.append(" at <code>").append(esc(Html.shortId(s.commit()))).append("</code>");
        }
        if (s.error() != null) {
            b.append("<br><span class=\"error\">").append(esc(s.error())).append("</span>");
        }
        for (var f : s.failedUnits()) {
            b.append("<br>did not come up: <a href=\"/units/").append(esc(f.systemdName())).append("\">")
                    .append(esc(f.systemdName())).append("</a>");
        }
    }

    private static void drift(StringBuilder b, List<Drift> drift) {
        b.append("<section aria-labelledby=\"drift-h\"><h2 id=\"drift-h\">Drift</h2>");
        if (drift.isEmpty()) {
            b.append("<p>None: every file Berth wrote is as it wrote it.</p></section>");
            return;
        }
        b.append("<ul>");
        for (Drift d : drift) {
            b.append("<li><code>").append(esc(d.path())).append("</code> ").append(esc(d.change())).append("</li>");
        }
        b.append("</ul><p>The next sync writes them back.</p></section>");
    }

    private static void units(StringBuilder b, List<UnitState> units, Map<String, LastChange> changes) {
        List<UnitState> sorted = new ArrayList<>(units);
        sorted.sort(Comparator.comparing((UnitState u) -> Health.of(u) == Health.HEALTHY).thenComparing(UnitState::unit));
        b.append("<section aria-labelledby=\"units-h\"><h2 id=\"units-h\">Units (").append(units.size()).append(")</h2>");
        if (units.size() > 10) {
            b.append("<p><label for=\"unit-filter\">Filter units</label> <input id=\"unit-filter\" type=\"search\"")
                    .append(" data-filters=\"units\" autocomplete=\"off\"></p>");
        }
        b.append("<div class=\"scroll\"><table id=\"units\"><thead><tr><th scope=\"col\">Unit</th><th scope=\"col\">Kind</th>")
                .append("<th scope=\"col\">State</th><th scope=\"col\">Health</th><th scope=\"col\">Last changed in</th></tr></thead><tbody>");
        for (UnitState u : sorted) {
            Health h = Health.of(u);
            String kind = u.unit().substring(u.unit().lastIndexOf('.') + 1);
            b.append("<tr><td><a href=\"/units/").append(esc(u.unit())).append("\">").append(esc(u.unit())).append("</a></td><td>")
                    .append(esc(kind)).append("</td><td>").append(esc(u.activeState())).append(" (").append(esc(u.subState()))
                    .append(")</td><td>");
            Html.badge(b, "health-" + h.name().toLowerCase(java.util.Locale.ROOT), h.label());
            LastChange changed = changes.get(u.unit());
            b.append("</td><td>");
            if (changed != null) {
                b.append("<code>").append(esc(changed.shortId())).append("</code> <span class=\"when\">")
                        .append(Html.time(changed.commitTimeSeconds() * 1000)).append("</span>");
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table></div></section>");
    }

    private static void builds(StringBuilder b, List<BuildStatus> builds) {
        if (builds.isEmpty()) {
            return;
        }
        b.append("<section aria-labelledby=\"builds-h\"><h2 id=\"builds-h\">Builds</h2><div class=\"scroll\"><table><thead><tr>")
                .append("<th scope=\"col\">Unit</th><th scope=\"col\">Image</th><th scope=\"col\">Epoch</th><th scope=\"col\">Digest</th>")
                .append("</tr></thead><tbody>");
        for (BuildStatus s : builds) {
            b.append("<tr><td>").append(esc(s.unit())).append("</td><td>").append(esc(s.imageTag())).append("</td><td>")
                    .append(s.epoch()).append(" (").append(esc(Html.shortId(s.epochCommit()))).append(")</td><td><code>")
                    .append(esc(s.digest())).append("</code></td></tr>");
        }
        b.append("</tbody></table></div></section>");
    }

    private static void mcpServers(StringBuilder b, List<McpServerStatus> servers) {
        if (servers.isEmpty()) {
            return;
        }
        b.append("<section aria-labelledby=\"mcp-h\"><h2 id=\"mcp-h\">MCP servers</h2>");
        for (McpServerStatus s : servers) {
            b.append("<h3>").append(esc(s.name())).append(" <span class=\"when\">").append(esc(s.transport())).append(", ")
                    .append(esc(s.state())).append(", ").append(s.sessions()).append(" sessions</span></h3>");
            if (s.error() != null) {
                b.append("<p class=\"error\">").append(esc(s.error())).append("</p>");
            }
            b.append("<p>Served: ").append(s.tools().isEmpty() ? "none" : esc(String.join(", ", s.tools()))).append("</p>");
            if (!s.withheld().isEmpty()) {
                b.append("<ul aria-label=\"Withheld tools\">");
                for (ServedTools.Withheld w : s.withheld()) {
                    b.append("<li>withheld <code>").append(esc(w.tool())).append("</code>: ").append(esc(w.reason())).append("</li>");
                }
                b.append("</ul>");
            }
        }
        b.append("</section>");
    }

    private static void labels(StringBuilder b, HostIdentity host) {
        b.append("<section aria-labelledby=\"host-h\"><h2 id=\"host-h\">Host labels and targeting</h2><p>Units whose")
                .append(" targeting (berth.toml) matches host <strong>").append(esc(host.name())).append("</strong> with ");
        if (host.labels().isEmpty()) {
            b.append("no labels.</p>");
        } else {
            b.append("these labels:</p><ul>");
            for (Map.Entry<String, String> l : host.labels().entrySet()) {
                b.append("<li><code>").append(esc(l.getKey())).append('=').append(esc(l.getValue())).append("</code></li>");
            }
            b.append("</ul>");
        }
        b.append("</section>");
    }
}

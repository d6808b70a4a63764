package dev.berth.console;

import static dev.berth.console.Html.esc;

import dev.berth.hooks.LastWebhook;
import dev.berth.hooks.WebhookOutcome;
import dev.berth.status.NotifyStatus;

/** The overview's lines of what came in (the last webhook delivery) and what went out (the last notification). */
final class Deliveries {
    private Deliveries() {
    }

    /** Two {@code dt}/{@code dd} pairs for the overview's list; a refused delivery and a failed send show as errors. */
    static void render(StringBuilder b, LastWebhook webhook, NotifyStatus notification) {
        b.append("<dt>Last webhook</dt><dd id=\"last-webhook\">");
        if (webhook == null) {
            b.append("none received");
        } else {
            b.append(Html.time(webhook.receivedAt())).append(": ");
            b.append(webhook.outcome() == WebhookOutcome.REFUSED ? "<span class=\"error\">" : "<span>")
                    .append(esc(webhook.summary())).append("</span>");
        }
        b.append("</dd><dt>Last notification</dt><dd id=\"last-notification\">");
        if (notification == null) {
            b.append("none sent");
        } else {
            NotifyStatus.Sent s = notification.lastSent();
            if (s == null) {
                b.append("none sent yet");
            } else {
                b.append(esc(s.at())).append(": ").append(esc(s.kind())).append(s.commit() == null ? "" : " <code>"
                        + esc(Html.shortId(s.commit())) + "</code>").append(" to ").append(esc(s.channel()));
            }
            NotifyStatus.Failure f = notification.lastError();
            if (f != null) {
                b.append("<br><span class=\"error\">last error ").append(esc(f.at())).append(", ").append(esc(f.channel()))
                        .append(" (").append(esc(f.kind())).append("): ").append(esc(f.message())).append("</span>");
            }
            if (notification.dropped() > 0) {
                b.append("<br>").append(notification.dropped()).append(" dropped (queue full)");
            }
        }
        b.append("</dd>");
    }
}

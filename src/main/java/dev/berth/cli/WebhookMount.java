package dev.berth.cli;

import dev.berth.Berth;
import dev.berth.hooks.WebhookHost;
import dev.berth.hooks.WebhookReceiver;
import dev.berth.hooks.WebhookSecret;
import dev.berth.hooks.WebhookServlet;
import dev.berth.http.HttpEndpoint;
import dev.berth.http.Mount;
import dev.berth.state.DeploymentReason;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** The webhooks on the daemon's listener, at {@code /hooks/*}: a push of the followed ref queues a sync on the daemon. */
final class WebhookMount implements Mount {
    private final WebhookServlet servlet;

    WebhookMount(Berth berth, PrintWriter log) {
        Path stateDir = berth.layout().stateDir();
        WebhookHost host = new WebhookHost() {
            @Override
            public Optional<WebhookSecret> secret() throws IOException {
                return WebhookSecret.load(stateDir);
            }

            @Override
            public Optional<String> followedRef() throws IOException {
                return Optional.ofNullable(berth.store().config().ref());
            }

            @Override
            public void syncNow() {
                berth.trigger(DeploymentReason.WEBHOOK);
            }
        };
        servlet = new WebhookServlet(new WebhookReceiver(host, Clock.systemUTC()), stateDir,
                line -> DaemonListener.say(log, line), Clock.systemUTC());
    }

    @Override
    public void mountOn(HttpEndpoint.Builder http) {
        http.servlet("hooks", servlet, "/hooks/*");
    }
}

package dev.berth.cli;

import dev.berth.hooks.WebhookSecret;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth webhook secret [--rotate]}: the secret forges sign their deliveries with. */
@Command(name = "webhook", mixinStandardHelpOptions = true,
        description = {"Forge webhooks: a push to the followed branch or tag syncs this host at once, instead of at the next "
            + "interval. The daemon serves them on its listener ('berth run --listen HOST:PORT'), one URL per sender:",
            "  GitHub            http://HOST:PORT/hooks/github    (X-Hub-Signature-256)",
            "  Gitea             http://HOST:PORT/hooks/gitea     (X-Gitea-Signature)",
            "  Forgejo/Codeberg  http://HOST:PORT/hooks/forgejo   (X-Forgejo-Signature)",
            "  Gogs              http://HOST:PORT/hooks/gogs      (X-Gogs-Signature)",
            "  GitLab            http://HOST:PORT/hooks/gitlab    (X-Gitlab-Token)",
            "  anything else     http://HOST:PORT/hooks/standard  (Standard Webhooks: webhook-id, -timestamp, -signature)",
            "Content type application/json, push events. A delivery only triggers a fetch: what is deployed is what the "
                + "repository says, never a commit named by the payload. 'berth status' shows the last delivery."},
        subcommands = {WebhookCommand.Secret.class})
final class WebhookCommand extends HostCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(out());
        return 0;
    }

    @Command(name = "secret", mixinStandardHelpOptions = true,
            description = {"Print the webhook secret, making it first if there is none (random, kept in the state folder, "
                + "readable by its owner only). Paste it into the forge's webhook form as the secret (GitLab: the secret "
                + "token; Standard Webhooks senders take it as is, whsec_ included). It goes to standard output only, "
                + "never to a log.",
                "The daemon reads it on every delivery: no restart is needed after --rotate."})
    static final class Secret extends HostCommand {
        @Option(names = "--rotate", description = "Replace the secret with a new one: deliveries signed with the old one "
                + "are refused (401) until the forge has the new one.")
        boolean rotate;

        @Override
        public Integer call() throws Exception {
            Path stateDir = berth().layout().stateDir();
            WebhookSecret secret = rotate ? WebhookSecret.rotate(stateDir) : WebhookSecret.loadOrCreate(stateDir);
            out().println(secret.reveal());
            out().flush();
            err().println("kept in " + stateDir.resolve(WebhookSecret.FILE) + " (mode 0600)"
                    + (rotate ? "; the old secret no longer works: give the forge this one" : ""));
            err().flush();
            return 0;
        }
    }
}

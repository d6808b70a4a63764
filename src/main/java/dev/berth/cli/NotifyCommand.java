package dev.berth.cli;

import dev.berth.fleet.LocalHost;
import dev.berth.notify.CommitStatus;
import dev.berth.notify.EventKind;
import dev.berth.notify.Forge;
import dev.berth.notify.NotifyConfig;
import dev.berth.notify.NotifyFiles;
import dev.berth.notify.Notifier;
import dev.berth.notify.Sink;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth notify add|list|remove|test|commit-status}: where this host tells of its deployments. */
@Command(name = "notify", mixinStandardHelpOptions = true,
        description = {"Notifications of this host's deployments (deployed, failed, rolled-back, refused, drift-repaired, "
                + "unhealthy) and commit status back to the forge. Settings live on the host, in notify.json in the state "
                + "folder (mode 0600), never in the repository. The daemon reads the file again when it changes."},
        subcommands = {NotifyCommand.Add.class, NotifyCommand.ListSinks.class, NotifyCommand.Remove.class,
                NotifyCommand.Test.class, NotifyCommand.CommitStatusCommand.class})
final class NotifyCommand extends HostCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(out());
        return 0;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a sink.", footerHeading = "%nExamples:%n", footer = {
            "  berth notify add ops --ntfy https://ntfy.sh/my-topic [--token-file F]",
            "  berth notify add chat --slack https://hooks.slack.com/services/... (also Mattermost, Rocket.Chat)",
            "  berth notify add hook --webhook https://example.com/berth   (the JSON schema berth.notification/v1)",
            "  berth notify add room --matrix https://matrix.example.org --room '!id:example.org' --token-file F",
            "  berth notify add mail --smtp mail.example.com:587 --from berth@example.com --to ops@example.com "
                    + "[--user U --password-file F] [--smtp-security starttls|tls|none]"})
    static final class Add extends HostCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "A name for the sink (letters, digits, - _ .).")
        String name;

        @Option(names = "--webhook", paramLabel = "URL", description = "A generic JSON webhook.") URI webhook;
        @Option(names = "--ntfy", paramLabel = "TOPIC-URL", description = "An ntfy topic URL.") URI ntfy;
        @Option(names = "--slack", paramLabel = "URL", description = "A Slack-compatible incoming webhook URL.") URI slack;
        @Option(names = "--matrix", paramLabel = "HOMESERVER", description = "A Matrix homeserver's URL (with --room, --token-file).") URI matrix;
        @Option(names = "--smtp", paramLabel = "HOST:PORT", description = "An SMTP server (with --from, --to).") String smtp;
        @Option(names = "--room", description = "The Matrix room id (!abc:example.org).") String room;
        @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the access token (ntfy, Matrix); - for stdin.") String tokenFile;
        @Option(names = "--user", description = "The SMTP user name.") String user;
        @Option(names = "--password-file", paramLabel = "FILE", description = "A file holding the SMTP password; - for stdin.") String passwordFile;
        @Option(names = "--from", description = "The sender address.") String from;
        @Option(names = "--to", split = ",", description = "Recipient addresses (comma-separated or repeated).") List<String> to;
        @Option(names = "--smtp-security", description = "starttls (default, required), tls (implicit, port 465) or none (a local relay).")
        String security = "starttls";
        @Option(names = "--events", split = ",", paramLabel = "EVENT",
                description = "Only these events (default: all but deploying): deployed, failed, rolled-back, refused, "
                        + "drift-repaired, unhealthy, deploying.")
        List<String> events;

        @Override
        public Integer call() throws Exception {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,39}")) {
                throw new IllegalArgumentException("sink name '" + name + "': use letters, digits, '.', '_' or '-' (up to 40)");
            }
            Sink sink = sink(events == null ? Set.of() : parseEvents(events));
            change(this, c -> c.with(sink));
            out().println("added " + name + ": " + sink.target() + "; 'berth notify test " + name + "' sends a test event");
            return 0;
        }

        private Sink sink(Set<EventKind> kinds) throws IOException {
            long given = java.util.stream.Stream.of(webhook, ntfy, slack, matrix, smtp).filter(java.util.Objects::nonNull).count();
            if (given != 1) {
                throw new IllegalArgumentException("name exactly one kind of sink: --webhook, --ntfy, --slack, --matrix or --smtp"
                        + " (see 'berth notify add --help')");
            }
            if (webhook != null) {
                return new Sink.Webhook(name, kinds, http(webhook, "--webhook"));
            }
            if (ntfy != null) {
                return new Sink.Ntfy(name, kinds, http(ntfy, "--ntfy"), tokenFile == null ? null : secret(tokenFile, "--token-file"));
            }
            if (slack != null) {
                return new Sink.Slack(name, kinds, http(slack, "--slack"));
            }
            if (matrix != null) {
                if (room == null || !room.startsWith("!") && !room.startsWith("#") || tokenFile == null) {
                    throw new IllegalArgumentException("--matrix needs --room !ID:SERVER and --token-file FILE (an access token)");
                }
                return new Sink.Matrix(name, kinds, http(matrix, "--matrix"), room, secret(tokenFile, "--token-file"));
            }
            int colon = smtp.lastIndexOf(':');
            if (colon < 1 || !smtp.substring(colon + 1).matches("\\d{1,5}") || from == null || to == null || to.isEmpty()) {
                throw new IllegalArgumentException("--smtp needs HOST:PORT (e.g. mail.example.com:587), --from and --to");
            }
            Sink.Email.Security sec = switch (security.toLowerCase()) {
                case "starttls" -> Sink.Email.Security.STARTTLS;
                case "tls" -> Sink.Email.Security.TLS;
                case "none" -> Sink.Email.Security.NONE;
                default -> throw new IllegalArgumentException("--smtp-security " + security + ": use starttls, tls or none");
            };
            if ((user == null) != (passwordFile == null)) {
                throw new IllegalArgumentException("--user and --password-file go together");
            }
            return new Sink.Email(name, kinds, smtp.substring(0, colon), Integer.parseInt(smtp.substring(colon + 1)), sec, user,
                    passwordFile == null ? null : secret(passwordFile, "--password-file"), from, to);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the sinks and the commit status (secrets redacted), and the last send.")
    static final class ListSinks extends HostCommand {
        @Override
        public Integer call() throws Exception {
            NotifyFiles files = new NotifyFiles(berth().layout().stateDir());
            List<String> lines = files.config().describe();
            if (lines.isEmpty()) {
                out().println("no sinks ('berth notify add --help')");
            }
            lines.forEach(out()::println);
            files.status().ifPresent(s -> out().println("notifications: " + s.line()));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a sink.")
    static final class Remove extends HostCommand {
        @Parameters(paramLabel = "NAME", description = "The sink to remove (as `berth notify list` names it).") String name;

        @Override
        public Integer call() throws Exception {
            change(this, c -> c.without(name));
            out().println("removed " + name);
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, description = "Send a test event to the sinks (all, or those named) now, and say how each went.")
    static final class Test extends HostCommand {
        @Parameters(arity = "0..*", paramLabel = "NAME", description = "Sinks to test (default: all).") List<String> names = List.of();

        @Override
        public Integer call() throws Exception {
            NotifyConfig config = new NotifyFiles(berth().layout().stateDir()).config();
            for (String n : names) {
                config.sink(n).orElseThrow(() -> new IllegalArgumentException("no sink named '" + n + "' (see 'berth notify list')"));
            }
            if (config.sinks().isEmpty()) {
                throw new IllegalArgumentException("no sinks to test ('berth notify add --help')");
            }
            String hostName = LocalHost.identity(berth().store().config()).name();
            List<String> results = Notifier.test(config, hostName, names, Clock.systemUTC());
            results.forEach(out()::println);
            return results.stream().anyMatch(r -> r.contains(": FAILED: ")) ? ErrorHandler.EXIT_FAILURE : 0;
        }
    }

    @Command(name = "commit-status", mixinStandardHelpOptions = true, description =
            "Post commit status back to the forge: pending when a sync starts deploying a commit, then success or failure,"
                    + " context berth/HOST.", footerHeading = "%nExamples:%n", footer = {
            "  berth notify commit-status --forge github --repo OWNER/NAME --token-file F",
            "  berth notify commit-status --forge gitea --api https://git.example.com/api/v1 --repo OWNER/NAME --token-file F",
            "  berth notify commit-status --forge gitlab --repo GROUP/PROJECT --token-file F   (--api for your own GitLab)",
            "  berth notify commit-status --off"})
    static final class CommitStatusCommand extends HostCommand {
        @Option(names = "--forge", description = "github, gitea, forgejo or gitlab.") String forge;
        @Option(names = "--api", paramLabel = "URL", description = "The API base (default: api.github.com, gitlab.com/api/v4).") URI api;
        @Option(names = "--repo", paramLabel = "REPO", description = "OWNER/NAME, or GitLab's project id or path.") String repo;
        @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the API token; - for stdin.") String tokenFile;
        @Option(names = "--off", description = "Stop posting commit status.") boolean off;

        @Override
        public Integer call() throws Exception {
            if (off) {
                change(this, c -> c.withCommitStatus(null));
                out().println("commit status off");
                return 0;
            }
            if (forge == null || repo == null || tokenFile == null) {
                throw new IllegalArgumentException("commit-status needs --forge, --repo and --token-file (or --off)");
            }
            Forge f = Forge.of(forge);
            URI base = api != null ? api : f.defaultApi() == null ? null : URI.create(f.defaultApi());
            if (base == null) {
                throw new IllegalArgumentException("--forge " + forge + " has no public server: give --api https://HOST/api/v1");
            }
            CommitStatus status = new CommitStatus(f, http(base, "--api"), repo, secret(tokenFile, "--token-file"));
            change(this, c -> c.withCommitStatus(status));
            out().println("commit status to " + status.forge().word() + " for " + repo + " (context berth/"
                    + LocalHost.identity(berth().store().config()).name() + ")");
            return 0;
        }
    }

    static Set<EventKind> parseEvents(List<String> words) {
        Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
        words.forEach(w -> kinds.add(EventKind.of(w)));
        return kinds;
    }

    private static URI http(URI uri, String option) {
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
            throw new IllegalArgumentException(option + ": give an http:// or https:// URL with a host");
        }
        return uri;
    }

    /** A secret from a file (or stdin), never from the command line, where ps and shell history would show it. */
    private static String secret(String file, String option) throws IOException {
        String s = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        s = s.strip();
        if (s.isEmpty() || s.contains("\n")) {
            throw new IllegalArgumentException(option + " " + file + ": the file must hold the secret on one line");
        }
        return s;
    }

    private static void change(HostCommand cmd, UnaryOperator<NotifyConfig> edit) throws Exception {
        var berth = cmd.berth();
        NotifyFiles files = new NotifyFiles(berth.layout().stateDir());
        berth.exclusive(() -> {
            files.save(edit.apply(files.config()));
            return null;
        });
    }
}

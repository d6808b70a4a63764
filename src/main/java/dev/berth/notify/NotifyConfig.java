package dev.berth.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * This host's notification settings, {@code notify.json} in the state folder (never in the repository: anyone
 * who can push could otherwise send the host's news elsewhere, or silence it).
 *
 * @param sinks        where events go
 * @param commitStatus the forge's commit status, or null when off
 * @param repeatSeconds the same event kind, commit and sink within this many seconds is sent once (0: the default, 1 h)
 */
public record NotifyConfig(List<Sink> sinks, CommitStatus commitStatus, long repeatSeconds) {
    public static final Duration DEFAULT_REPEAT_WINDOW = Duration.ofHours(1);
    public static final NotifyConfig EMPTY = new NotifyConfig(List.of(), null, 0);

    public NotifyConfig {
        sinks = sinks == null ? List.of() : List.copyOf(sinks);
        if (repeatSeconds < 0) {
            throw new IllegalArgumentException("repeatSeconds must not be negative: " + repeatSeconds);
        }
    }

    public Duration repeatWindow() {
        return repeatSeconds == 0 ? DEFAULT_REPEAT_WINDOW : Duration.ofSeconds(repeatSeconds);
    }

    public Optional<Sink> sink(String name) {
        return sinks.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public NotifyConfig with(Sink sink) {
        if (sink(sink.name()).isPresent()) {
            throw new IllegalArgumentException("a sink named '" + sink.name() + "' exists already: remove it first"
                    + " ('berth notify remove " + sink.name() + "')");
        }
        List<Sink> more = new ArrayList<>(sinks);
        more.add(sink);
        return new NotifyConfig(more, commitStatus, repeatSeconds);
    }

    public NotifyConfig without(String name) {
        if (sink(name).isEmpty()) {
            throw new IllegalArgumentException("no sink named '" + name + "' (see 'berth notify list')");
        }
        return new NotifyConfig(sinks.stream().filter(s -> !s.name().equals(name)).toList(), commitStatus, repeatSeconds);
    }

    public NotifyConfig withCommitStatus(CommitStatus status) {
        return new NotifyConfig(sinks, status, repeatSeconds);
    }

    /** Every sink and the commit status, each with what it shows of itself (secrets redacted). */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Sink s : sinks) {
            lines.add(String.format("%-16s %-8s %s  events: %s", s.name(), typeOf(s), s.target(),
                    s.events().isEmpty() ? "all (but deploying)" : s.events().stream().map(EventKind::word).sorted().toList()));
        }
        if (commitStatus != null) {
            lines.add(String.format("%-16s %-8s %s", "commit-status", commitStatus.forge().word(), commitStatus.target()));
        }
        return lines;
    }

    static String typeOf(Sink s) {
        return switch (s) {
            case Sink.Webhook w -> "webhook";
            case Sink.Ntfy n -> "ntfy";
            case Sink.Slack sl -> "slack";
            case Sink.Matrix m -> "matrix";
            case Sink.Email e -> "email";
        };
    }
}

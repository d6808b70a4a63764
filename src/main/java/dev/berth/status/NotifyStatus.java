package dev.berth.status;

import dev.berth.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code berth status} says of notifications: the last one sent, the last error (secrets scrubbed), and how many
 * were dropped because the queue was full. The daemon's notifier writes it to the state folder ({@value #FILE});
 * status reads it from there, as it reads the last webhook. The kind is the event's word (its {@code notify.EventKind},
 * a package above this one), as the file and the JSON schema spell it.
 */
public record NotifyStatus(Sent lastSent, Failure lastError, long dropped) {
    public static final String FILE = "notify-status.json";
    public static final NotifyStatus NONE = new NotifyStatus(null, null, 0);

    public record Sent(String at, String channel, String kind, String commit) {
    }

    public record Failure(String at, String channel, String kind, String message) {
    }

    public NotifyStatus sent(Sent s) {
        return new NotifyStatus(s, lastError, dropped);
    }

    public NotifyStatus failed(Failure f) {
        return new NotifyStatus(lastSent, f, dropped);
    }

    public NotifyStatus dropped(long count) {
        return new NotifyStatus(lastSent, lastError, count);
    }

    /** What the daemon's notifier last did; empty when it never ran here, or the file cannot be read. */
    public static Optional<NotifyStatus> read(Path stateDir) {
        Path p = stateDir.resolve(FILE);
        try {
            return Files.exists(p) ? Optional.of(Json.stateFiles().readValue(p.toFile(), NotifyStatus.class)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // a status line is not worth failing 'berth status' for; the next send rewrites it
        }
    }

    /** One line: {@code last sent deployed abc123 to ops at ...; last error ...}. */
    public String line() {
        String s = lastSent == null ? "none sent yet"
                : "last sent " + lastSent.kind() + (lastSent.commit() == null ? "" : " " + shortId(lastSent.commit()))
                + " to " + lastSent.channel() + " at " + lastSent.at();
        if (lastError != null) {
            s += "; last error " + lastError.at() + " " + lastError.channel() + " (" + lastError.kind() + "): " + lastError.message();
        }
        if (dropped > 0) {
            s += "; " + dropped + " dropped (queue full)";
        }
        return s;
    }

    private static String shortId(String commit) {
        return commit.substring(0, Math.min(12, commit.length()));
    }
}

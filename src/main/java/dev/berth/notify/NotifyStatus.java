package dev.berth.notify;

/**
 * What {@code berth status} says of notifications: the last one sent, the last error (secrets scrubbed), and how many
 * were dropped because the queue was full.
 */
public record NotifyStatus(Sent lastSent, Failure lastError, long dropped) {

    public record Sent(String at, String channel, EventKind kind, String commit) {
    }

    public record Failure(String at, String channel, EventKind kind, String message) {
    }

    NotifyStatus sent(Sent s) {
        return new NotifyStatus(s, lastError, dropped);
    }

    NotifyStatus failed(Failure f) {
        return new NotifyStatus(lastSent, f, dropped);
    }

    NotifyStatus dropped(long count) {
        return new NotifyStatus(lastSent, lastError, count);
    }

    /** One line: {@code last sent deployed abc123 to ops at ...; last error ...}. */
    public String line() {
        String s = lastSent == null ? "none sent yet"
                : "last sent " + lastSent.kind() + (lastSent.commit() == null ? "" : " " + Event.shortId(lastSent.commit()))
                + " to " + lastSent.channel() + " at " + lastSent.at();
        if (lastError != null) {
            s += "; last error " + lastError.at() + " " + lastError.channel() + " (" + lastError.kind() + "): " + lastError.message();
        }
        if (dropped > 0) {
            s += "; " + dropped + " dropped (queue full)";
        }
        return s;
    }
}

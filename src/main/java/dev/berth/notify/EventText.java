package dev.berth.notify;

/** An event in words, for the sinks people read (ntfy, chat, email). */
final class EventText {
    private EventText() {
    }

    static String title(Event e) {
        String commit = Event.shortId(e.commit());
        return switch (e.kind()) {
            case DEPLOYED -> "berth " + e.host() + ": deployed " + commit;
            case FAILED -> "berth " + e.host() + ": deploy of " + commit + " failed";
            case ROLLED_BACK -> "berth " + e.host() + ": " + commit + " rolled back to " + Event.shortId(e.previousCommit());
            case REFUSED -> "berth " + e.host() + ": refused " + commit
                    + e.refusal().map(k -> " (" + k.name().toLowerCase().replace('_', ' ') + ")").orElse("");
            case DRIFT_REPAIRED -> "berth " + e.host() + ": drift repaired";
            case UNHEALTHY -> "berth " + e.host() + ": daemon unhealthy";
            case DEPLOYING -> "berth " + e.host() + ": deploying " + commit;
            case TEST -> "berth " + e.host() + ": test notification";
        };
    }

    static String body(Event e) {
        StringBuilder b = new StringBuilder();
        b.append(e.reason() == null ? e.kind().word() : e.reason());
        if (!e.failedUnits().isEmpty()) {
            b.append("\nunits: ").append(String.join(", ", e.failedUnits()));
        }
        b.append("\nhost ").append(e.host());
        if (e.commit() != null) {
            b.append(", commit ").append(e.commit());
        }
        if (e.previousCommit() != null) {
            b.append(", previous ").append(e.previousCommit());
        }
        b.append(", at ").append(e.time());
        return b.toString();
    }
}

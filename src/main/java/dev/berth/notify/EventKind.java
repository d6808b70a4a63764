package dev.berth.notify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What a notification tells of. The words are the {@code kind} field of the JSON schema and the filter's words. */
public enum EventKind {
    /** a new commit was applied and every unit came up */
    DEPLOYED("deployed", "default"),
    /** a deployment did not reach its commit, or units did not come up */
    FAILED("failed", "high"),
    /** a commit did not come up and the host went back to the last good commit */
    ROLLED_BACK("rolled-back", "high"),
    /** a commit was refused before anything was applied: signature, validation, limits */
    REFUSED("refused", "high"),
    /** files changed on the host behind Berth's back were written back */
    DRIFT_REPAIRED("drift-repaired", "default"),
    /** the daemon is not doing its job: syncs failing in a row, or no sync finishing */
    UNHEALTHY("unhealthy", "urgent"),
    /** a sync is about to deploy a new commit (commit statuses go pending; sinks only when their filter names it) */
    DEPLOYING("deploying", "low"),
    /** {@code berth notify test} */
    TEST("test", "default");

    /** What a sink gets when it names no events: all but the start of every deployment. */
    public static final Set<EventKind> DEFAULT = EnumSet.complementOf(EnumSet.of(DEPLOYING));

    private final String word;
    private final String ntfyPriority;

    EventKind(String word, String ntfyPriority) {
        this.word = word;
        this.ntfyPriority = ntfyPriority;
    }

    @JsonValue
    public String word() {
        return word;
    }

    /** ntfy's priority word for it (min, low, default, high, urgent). */
    String ntfyPriority() {
        return ntfyPriority;
    }

    @JsonCreator
    public static EventKind of(String word) {
        for (EventKind k : values()) {
            if (k.word.equalsIgnoreCase(word.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown event '" + word + "': use one of " + words());
    }

    public static String words() {
        return Arrays.stream(values()).map(EventKind::word).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return word;
    }
}

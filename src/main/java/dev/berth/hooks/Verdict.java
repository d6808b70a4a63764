package dev.berth.hooks;

/** Whether a delivery is the forge's own: its signature (or token) checked against the host's secret. */
public sealed interface Verdict {

    /** Signed with the host's secret. */
    record Authentic() implements Verdict {
    }

    /** Not signed, or not with this host's secret: the reason says which header was missing or wrong. */
    record Refused(String reason) implements Verdict {
    }

    static Verdict authentic() {
        return new Authentic();
    }

    static Verdict refused(String reason) {
        return new Refused(reason);
    }
}

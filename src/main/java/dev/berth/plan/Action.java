package dev.berth.plan;

/**
 * One step of a plan.
 *
 * @param type    what to do
 * @param subject a file target for file actions ({@code quadlet/web/web.container}), a systemd unit
 *                name for unit actions ({@code web.service}), empty for daemon-reload
 * @param unit    the repository unit file name the step is for, or null (daemon-reload)
 * @param reason  why, in words a user reads in {@code berth plan}
 */
public record Action(ActionType type, String subject, String unit, String reason) {

    @Override
    public String toString() {
        String what = subject.isEmpty() ? "" : " " + subject;
        return type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + what + "  (" + reason + ")";
    }
}

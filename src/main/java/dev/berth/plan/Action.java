package dev.berth.plan;

/**
 * One step of a plan.
 *
 * @param type    what to do
 * @param subject a file target for file actions ({@code quadlet/web/web.container}), a systemd unit
 *                name for unit actions ({@code web.service}), empty for daemon-reload
 * @param unit    the repository unit file name the step is for, or null (daemon-reload)
 * @param why     why the step is taken
 */
public record Action(ActionType type, String subject, String unit, Reason why) {

    /** A step whose reason is put into words for it alone. */
    public Action(ActionType type, String subject, String unit, String reason) {
        this(type, subject, unit, new Reason.Described(reason));
    }

    /** Why, in words a user reads in {@code berth plan}. */
    public String reason() {
        return why.words();
    }

    @Override
    public String toString() {
        String what = subject.isEmpty() ? "" : " " + subject;
        return type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + what + "  (" + reason() + ")";
    }
}

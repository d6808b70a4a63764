package dev.berth.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a plan for {@code berth plan}: the steps grouped by phase, in the order they run, one line
 * each with its reason, then a one-line summary.
 *
 * <pre>
 * Stop:
 *   - old.service  (removed from the repository)
 * Files:
 *   - quadlet/old/old.container  (no longer in the repository)
 *   + quadlet/web/site.env  (changed)
 *   daemon-reload
 * Start and restart, in this order:
 *   ~ web.service  (supporting file web/site.env changed)
 *
 * 1 to stop, 1 to restart, 1 file to write, 1 to remove
 * </pre>
 */
public final class PlanPrinter {

    private PlanPrinter() {
    }

    /** @param commit the commit the plan deploys, named when there is nothing to do */
    public static String render(Plan plan, String commit) {
        if (plan.isEmpty()) {
            return "Nothing to do: host matches " + commit + "\n";
        }
        StringBuilder out = new StringBuilder();
        String heading = null;
        for (Action action : plan.actions()) {
            String group = groupOf(action.type());
            if (!group.equals(heading)) {
                out.append(group).append(":\n");
                heading = group;
            }
            out.append("  ").append(line(action)).append('\n');
        }
        return out.append('\n').append(summary(plan)).append('\n').toString();
    }

    /** E.g. "2 to start, 1 to restart, 3 files to write, 1 to remove"; zero counts are left out. */
    public static String summary(Plan plan) {
        List<String> parts = new ArrayList<>();
        add(parts, plan.ofType(ActionType.STOP).size(), "to stop", "to stop");
        add(parts, plan.ofType(ActionType.START).size(), "to start", "to start");
        add(parts, plan.ofType(ActionType.RESTART).size(), "to restart", "to restart");
        add(parts, plan.ofType(ActionType.WRITE_FILE).size(), "file to write", "files to write");
        add(parts, plan.ofType(ActionType.REMOVE_FILE).size(), "to remove", "to remove");
        return parts.isEmpty() ? "nothing to change" : String.join(", ", parts);
    }

    private static void add(List<String> parts, int count, String one, String many) {
        if (count > 0) {
            parts.add(count + " " + (count == 1 ? one : many));
        }
    }

    // STARTs and RESTARTs share a group because they are interleaved in dependency order.
    private static String groupOf(ActionType type) {
        return switch (type) {
            case STOP -> "Stop";
            case REMOVE_FILE, WRITE_FILE, DAEMON_RELOAD -> "Files";
            case START, RESTART -> "Start and restart, in this order";
        };
    }

    private static String line(Action action) {
        return switch (action.type()) {
            case DAEMON_RELOAD -> "daemon-reload";
            case STOP, REMOVE_FILE -> "- " + action.subject() + "  (" + action.reason() + ")";
            case WRITE_FILE, START -> "+ " + action.subject() + "  (" + action.reason() + ")";
            case RESTART -> "~ " + action.subject() + "  (" + action.reason() + ")";
        };
    }
}

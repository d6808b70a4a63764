package dev.berth.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanPrinterTest {

    @Test
    void emptyPlanSaysTheHostMatches() {
        assertThat(PlanPrinter.render(new Plan(List.of()), "abc1234"))
                .isEqualTo("Nothing to do: host matches abc1234\n");
    }

    @Test
    void groupsStepsByPhaseWithReasonsAndASummary() {
        Plan plan = new Plan(List.of(
                new Action(ActionType.STOP, "old.service", "old.container", "removed from the repository"),
                new Action(ActionType.REMOVE_FILE, "quadlet/old.container", "old.container", "no longer in the repository"),
                new Action(ActionType.WRITE_FILE, "quadlet/web/site.env", "web.container", "changed"),
                new Action(ActionType.WRITE_FILE, "quadlet/db.container", "db.container", "new file"),
                new Action(ActionType.DAEMON_RELOAD, "", null, "regenerate units"),
                new Action(ActionType.START, "db.service", "db.container", "new unit"),
                new Action(ActionType.RESTART, "web.service", "web.container", "supporting file web/site.env changed")));

        assertThat(PlanPrinter.render(plan, "abc1234")).isEqualTo("""
                Stop:
                  - old.service  (removed from the repository)
                Files:
                  - quadlet/old.container  (no longer in the repository)
                  + quadlet/web/site.env  (changed)
                  + quadlet/db.container  (new file)
                  daemon-reload
                Start and restart, in this order:
                  + db.service  (new unit)
                  ~ web.service  (supporting file web/site.env changed)

                1 to stop, 1 to start, 1 to restart, 2 files to write, 1 to remove
                """);
    }

    @Test
    void summaryLeavesOutZeroCountsAndUsesTheSingular() {
        Plan plan = new Plan(List.of(
                new Action(ActionType.WRITE_FILE, "quadlet/a.container", "a.container", "new file"),
                new Action(ActionType.DAEMON_RELOAD, "", null, "regenerate units"),
                new Action(ActionType.START, "a.service", "a.container", "new unit"),
                new Action(ActionType.START, "b.service", "b.container", "new unit")));
        assertThat(PlanPrinter.summary(plan)).isEqualTo("2 to start, 1 file to write");
    }
}

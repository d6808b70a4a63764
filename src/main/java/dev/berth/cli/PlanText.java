package dev.berth.cli;

import dev.berth.plan.Plan;
import dev.berth.plan.PlanPrinter;

/** How the command line shows a plan. */
final class PlanText {

    private PlanText() {
    }

    static String render(Plan plan, String commit) {
        return PlanPrinter.render(plan, commit);
    }
}

package dev.berth.pipeline;

import dev.berth.apply.SyncOutcome;

/** What a step tells the pipeline: go on with the next step, or the run ends here with this outcome. */
public sealed interface Flow {

    Flow NEXT = new Next();

    static Flow end(SyncOutcome outcome) {
        return new End(outcome);
    }

    record Next() implements Flow {
    }

    record End(SyncOutcome outcome) implements Flow {
    }
}

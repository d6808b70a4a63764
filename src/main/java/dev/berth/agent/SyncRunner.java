package dev.berth.agent;

import dev.berth.apply.Progress;
import dev.berth.apply.SyncOutcome;

/** Runs one sync holding the host lock; the daemon gives it the progress sink of whoever asked. */
@FunctionalInterface
public interface SyncRunner {
    SyncOutcome sync(boolean dryRun, boolean resume, String reason, Progress progress) throws Exception;
}

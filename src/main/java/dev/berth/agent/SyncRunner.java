package dev.berth.agent;

import dev.berth.apply.Progress;
import dev.berth.apply.SyncOutcome;
import dev.berth.pipeline.SyncOptions;

/** Runs one sync holding the host lock; the daemon gives it the progress sink of whoever asked. */
@FunctionalInterface
public interface SyncRunner {
    SyncOutcome sync(SyncOptions options, Progress progress) throws Exception;
}

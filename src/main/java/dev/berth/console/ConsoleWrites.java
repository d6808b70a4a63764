package dev.berth.console;

import dev.berth.Berth;
import dev.berth.apply.SyncOutcome;
import dev.berth.state.DeploymentReason;
import dev.berth.state.UnitFailure;
import java.time.Duration;
import java.util.stream.Collectors;

/** Sync, Rollback and Restart: the same library calls as {@code berth sync}, {@code berth rollback} and MCP's unit_restart. */
final class ConsoleWrites {
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(90);

    private ConsoleWrites() {
    }

    static LiveSync.Write sync(Berth berth, boolean resume) {
        return progress -> {
            var sync = berth.sync().reason(DeploymentReason.CONSOLE).progress(progress);
            if (resume) {
                sync.resume();
            }
            return done(sync.call());
        };
    }

    static LiveSync.Write rollback(Berth berth, String commit) {
        return progress -> done(berth.rollback().to(commit).progress(progress).call());
    }

    static LiveSync.Write restart(Berth berth, String systemdName) {
        return progress -> {
            berth.exclusive(() -> {
                berth.systemd().restart(systemdName, RESTART_TIMEOUT);
                return null;
            });
            return new LiveSync.Done(true, "restarted " + systemdName);
        };
    }

    static LiveSync.Done done(SyncOutcome o) {
        if (o.ok()) {
            return new LiveSync.Done(true, (o.changed() ? "deployed " : "up to date at ") + Html.shortId(o.commit()));
        }
        String units = o.report().failedUnits().stream().map(UnitFailure::systemdName).collect(Collectors.joining(", "));
        return new LiveSync.Done(false, "failed: " + o.report().error() + (units.isEmpty() ? "" : " [" + units + "]"));
    }
}

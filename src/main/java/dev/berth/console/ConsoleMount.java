package dev.berth.console;

import dev.berth.Berth;
import dev.berth.http.HttpEndpoint;
import dev.berth.http.Mount;
import java.time.Duration;

/**
 * The web console at {@code /}: every path no other feature of the listener serves. Pages are rendered on the
 * server from the library ({@link Berth}); writes go through the same library calls as the command line.
 */
public final class ConsoleMount implements Mount {
    /** Browsers signed in at once; a person rarely has more than a few. */
    static final int MAX_SESSIONS = 32;
    static final Duration IDLE = Duration.ofMinutes(30);

    private final Berth berth;
    private final ConsoleSettings settings;
    private final LiveSync live;
    private final Runnable unfollowSteps;
    private final Runnable unfollowEnds;
    private final Runnable unfollowChanges;
    private final UnitChanges changes;

    public ConsoleMount(Berth berth, ConsoleSettings settings) {
        this.berth = berth;
        this.settings = settings;
        this.live = new LiveSync(settings.log());
        this.unfollowSteps = berth.events().onStep(live::outsideStep);
        this.unfollowEnds = berth.events().subscribe(live::outsideFinished);
        this.changes = new UnitChanges(berth.store());
        // The walk of history for "last changed by" is done once a deployment ends, off its thread, so the first page
        // view after it does not pay for it (and does not hold the console's lock while it runs).
        this.unfollowChanges = berth.events().subscribe(finished -> changes.refreshInBackground());
    }

    @Override
    public void mountOn(HttpEndpoint.Builder http) {
        http.servlet("console", new ConsoleServlet(berth, settings, new ConsoleSessions(MAX_SESSIONS, IDLE, System::nanoTime), live,
                changes),
                "/");
    }

    @Override
    public void close() {
        unfollowSteps.run();
        unfollowEnds.run();
        unfollowChanges.run();
        live.close();
    }
}

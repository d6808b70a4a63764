package dev.berth;

import dev.berth.status.StatusReport;
import java.io.IOException;

/** {@code berth status}: what is deployed, how the last sync went, and how every managed unit runs now. */
public final class StatusCommand {
    private final Berth berth;

    StatusCommand(Berth berth) {
        this.berth = berth;
    }

    public StatusReport call() throws IOException {
        return berth.statusCollector().collect();
    }
}

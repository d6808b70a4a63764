package dev.berth;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * "A deployment was recorded": what the metrics, the MCP gateway, and the coming console and notifications
 * follow instead of polling the state folder. Every sync, init, switch or rollback of this process is announced
 * when it ends, whatever its outcome (a listener decides what matters to it); dry runs are not.
 */
public final class DeploymentEvents {
    private final List<Consumer<DeploymentFinished>> listeners = new CopyOnWriteArrayList<>();

    /** @return call it to stop listening */
    public Runnable subscribe(Consumer<DeploymentFinished> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void finished(DeploymentFinished event) {
        for (Consumer<DeploymentFinished> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                // one listener's failure is its own: the deployment is recorded, and the others still hear of it
            }
        }
    }
}

package dev.berth;

import dev.berth.apply.Progress;
import dev.berth.host.PrivateFolder;
import dev.berth.state.StateFolderWatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * "A deployment was recorded": what the metrics, the MCP gateway, and the coming console and notifications
 * follow instead of polling the state folder. Every sync, init, switch or rollback of this process is announced
 * when it ends, whatever its outcome (a listener decides what matters to it); dry runs are not.
 */
public final class DeploymentEvents {
    private final Path stateDir;
    private final List<Consumer<DeploymentFinished>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> recordListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> deployingListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> stepListeners = new CopyOnWriteArrayList<>();
    private StateFolderWatch watch;

    DeploymentEvents(Path stateDir) {
        this.stateDir = stateDir;
    }

    /** The deployments of this process, with their outcome and duration. @return call it to stop listening */
    public Runnable subscribe(Consumer<DeploymentFinished> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A deployment of this process is about to apply a new commit (its id): a commit status goes pending. */
    public Runnable onDeploying(Consumer<String> listener) {
        deployingListeners.add(listener);
        return () -> deployingListeners.remove(listener);
    }

    /**
     * Each step of this process's deployments as it is taken, whoever started them (the daemon's interval, a webhook,
     * {@code berth sync} handed to the daemon, the console): what a live view follows. Dry runs are not told.
     */
    public Runnable onStep(Consumer<String> listener) {
        stepListeners.add(listener);
        return () -> stepListeners.remove(listener);
    }

    /**
     * Any deployment recorded on this host, by this process or another (a {@code berth rollback} while the daemon
     * runs): the kernel's file events on the state folder tell of each record written. No outcome: read the state.
     *
     * @throws IOException when the state folder cannot be made or watched
     */
    public synchronized Runnable onRecorded(Runnable listener) throws IOException {
        if (watch == null) {
            PrivateFolder.ensure(stateDir); // as the host lock would: a host not initialised yet has none
            watch = StateFolderWatch.start(stateDir, this::anyRecorded);
        }
        recordListeners.add(listener);
        return () -> recordListeners.remove(listener);
    }

    /** The progress a deployment reports to, telling this object's listeners of the commit it deploys. */
    Progress announcing(Progress progress) {
        return new Progress() {
            @Override
            public void step(String message) {
                progress.step(message);
                tell(stepListeners, message);
            }

            @Override
            public void deploying(String commit) {
                progress.deploying(commit);
                tell(deployingListeners, commit);
            }
        };
    }

    private static void tell(List<Consumer<String>> listeners, String what) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(what);
            } catch (RuntimeException e) {
                // as for finished: one listener's failure is its own
            }
        }
    }

    void finished(DeploymentFinished event) {
        for (Consumer<DeploymentFinished> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                // one listener's failure is its own: the deployment is recorded, and the others still hear of it
            }
        }
        // onRecorded's listeners hear of it from the state folder's file events, as of any other process's
    }

    private void anyRecorded() {
        for (Runnable l : recordListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                // as above
            }
        }
    }
}

package dev.berth;

import dev.berth.apply.Progress;
import java.nio.file.Path;

/**
 * How a {@link Berth} is opened.
 *
 * @param stateDir the state folder, or null for the default (/var/lib/berth as root, ~/.local/share/berth otherwise)
 * @param progress where operations say what they are doing, step by step
 * @param onWait   called when another Berth holds the host and this one waits for it
 */
public record BerthOptions(Path stateDir, Progress progress, Runnable onWait) {

    public static BerthOptions defaults() {
        return new BerthOptions(null, Progress.SILENT, () -> { });
    }

    public BerthOptions withStateDir(Path dir) {
        return new BerthOptions(dir, progress, onWait);
    }

    public BerthOptions withProgress(Progress to) {
        return new BerthOptions(stateDir, to, onWait);
    }

    public BerthOptions withOnWait(Runnable then) {
        return new BerthOptions(stateDir, progress, then);
    }
}

package dev.berth.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.host.FileStamp;
import dev.berth.json.Json;
import dev.berth.host.StateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Berth's state folder: config, applied state, last sync report and history, each a JSON file
 * replaced atomically, so a crash never leaves a torn state file.
 *
 * <p>The applied state is read again only when its file changed: while {@code applied.json} has the same
 * {@link FileStamp} as when it was last parsed, {@link #applied()} hands back that very object. A daemon's planner
 * then gets the same object each sync and reuses its last plan without comparing ~10,000 units
 * ({@code plan.PlanMemory}); sharing it is safe because an {@link AppliedState} is immutable. Whoever else writes
 * the file (another Berth process, a hand edit, a restore) moves its stamp: ctime and inode even when size and
 * mtime are put back.
 */
public final class StateStore {
    /** The host's age key ({@code berth secret keygen}) lives here too; {@link #deleteAll} keeps it. */
    public static final String AGE_IDENTITY_FILE = "age-identity.txt";
    private static final int HISTORY_LIMIT = 200;

    private final Path dir;
    private final StateFiles files;
    private final Clock clock;
    /** The last applied state parsed from a settled file, and that file's stamp then; null when there is none. */
    private volatile Parsed parsed;

    private record Parsed(FileStamp stamp, AppliedState state) {
    }

    public StateStore(Path dir) {
        this(dir, Clock.systemUTC());
    }

    /** With the clock that says whether a file read is settled (tests). */
    StateStore(Path dir, Clock clock) {
        this.dir = dir;
        this.files = new StateFiles(dir);
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    /** The git clone Berth fetches into. */
    public Path cloneDir() {
        return dir.resolve("repo.git");
    }

    /** Where commits are exported to be read and installed from. */
    public Path checkoutsDir() {
        return dir.resolve("checkouts");
    }

    public boolean isInitialized() {
        return Files.exists(dir.resolve("config.json"));
    }

    public BerthConfig config() throws IOException {
        return read("config.json", StateForms.CONFIG::value).orElseThrow(() -> new IOException(
                "this host follows no repository yet (no " + dir.resolve("config.json") + "): run 'berth init URL' first"));
    }

    public void saveConfig(BerthConfig config) throws IOException {
        files.write("config.json", StateForms.CONFIG.bytes(config));
    }

    /** What Berth has put on this host; the same object as the last call's while {@code applied.json} is unchanged. */
    public AppliedState applied() throws IOException {
        // the moment of the read, then the stamp, then the content: a write after the stat moves the stamp away from
        // the one remembered, so at worst the next call parses again; never is a content kept under a later stamp
        Instant readAt = clock.instant();
        Optional<FileStamp> stamp = FileStamp.of(dir.resolve("applied.json"));
        Parsed last = parsed;
        if (last != null && stamp.isPresent() && last.stamp().equals(stamp.get())) {
            return last.state();
        }
        AppliedState state = read("applied.json", StateForms.APPLIED::value).orElse(AppliedState.empty());
        // git's racy rule: a file written within FileStamp.RACY of this read could be written again in the same clock
        // tick without its stamp showing it, so it is parsed again until it settles
        if (stamp.isPresent() && stamp.get().settledAt(readAt)) {
            parsed = new Parsed(stamp.get(), state);
        }
        return state;
    }

    public void saveApplied(AppliedState state) throws IOException {
        try {
            files.write("applied.json", StateForms.APPLIED.bytes(state));
        } finally {
            parsed = null; // the new file's stamp differs anyway; nothing is kept of a state this process replaced
        }
    }

    public Optional<SyncReport> lastSync() throws IOException {
        return read("last-sync.json", StateForms.LAST_SYNC::value);
    }

    public void saveLastSync(SyncReport report) throws IOException {
        files.write("last-sync.json", StateForms.LAST_SYNC.bytes(report));
    }

    public List<Deployment> history() throws IOException {
        return read("history.json", StateForms.DEPLOYMENT::values).orElse(List.of());
    }

    public void appendHistory(Deployment d) throws IOException {
        List<Deployment> all = new ArrayList<>(history());
        all.add(d);
        if (all.size() > HISTORY_LIMIT) {
            all = all.subList(all.size() - HISTORY_LIMIT, all.size());
        }
        files.write("history.json", StateForms.DEPLOYMENT.arrayBytes(all));
    }

    /** Removes everything Berth keeps in its state folder (prune). */
    public void deleteAll() throws IOException {
        parsed = null;
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                // the host's age key stays: the repository's secrets are encrypted to it (see berth secret keygen)
                if (!p.equals(dir) && !p.getFileName().toString().equals("lock")
                        && !p.equals(dir.resolve(AGE_IDENTITY_FILE))) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** How a state file's content is read: one record or an array of them ({@link StateForm}). */
    private interface FileReading<T> {
        T read(Path file) throws IOException;
    }

    private <T> Optional<T> read(String name, FileReading<T> reading) throws IOException {
        Path f = dir.resolve(name);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(reading.read(f));
        } catch (IOException e) {
            throw new IOException("cannot read " + f + ": " + e.getMessage()
                    + " (the file is damaged; remove it and run 'berth sync' to rebuild it)", e);
        }
    }

    /**
     * Jackson databind set up as for the state files, for printing their records ({@code status --json}, the
     * daemon's answers); the files themselves are read and written without it ({@link StateForm}).
     */
    public static ObjectMapper json() {
        return Json.stateFiles();
    }
}

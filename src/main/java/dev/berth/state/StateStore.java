package dev.berth.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.host.AtomicFileWriter;
import dev.berth.json.Json;
import dev.berth.host.StateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Berth's state folder: config, applied state, last sync report and history, each a JSON file
 * replaced atomically, so a crash never leaves a torn state file.
 */
public final class StateStore {
    /** The host's age key ({@code berth secret keygen}) lives here too; {@link #deleteAll} keeps it. */
    public static final String AGE_IDENTITY_FILE = "age-identity.txt";
    private static final int HISTORY_LIMIT = 200;
    private static final ObjectMapper JSON = Json.stateFiles();

    private final Path dir;
    private final StateFiles files;

    public StateStore(Path dir) {
        this.dir = dir;
        this.files = new StateFiles(dir);
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
        return read("config.json", BerthConfig.class).orElseThrow(() -> new IOException(
                "this host follows no repository yet (no " + dir.resolve("config.json") + "): run 'berth init URL' first"));
    }

    public void saveConfig(BerthConfig config) throws IOException {
        write("config.json", config);
    }

    public AppliedState applied() throws IOException {
        return read("applied.json", AppliedState.class).orElse(AppliedState.empty());
    }

    public void saveApplied(AppliedState state) throws IOException {
        write("applied.json", state);
    }

    public Optional<SyncReport> lastSync() throws IOException {
        return read("last-sync.json", SyncReport.class);
    }

    public void saveLastSync(SyncReport report) throws IOException {
        write("last-sync.json", report);
    }

    public List<Deployment> history() throws IOException {
        Path f = dir.resolve("history.json");
        if (!Files.exists(f)) {
            return List.of();
        }
        return JSON.readValue(f.toFile(), new TypeReference<List<Deployment>>() { });
    }

    public void appendHistory(Deployment d) throws IOException {
        List<Deployment> all = new ArrayList<>(history());
        all.add(d);
        if (all.size() > HISTORY_LIMIT) {
            all = all.subList(all.size() - HISTORY_LIMIT, all.size());
        }
        write("history.json", all);
    }

    /** Removes everything Berth keeps in its state folder (prune). */
    public void deleteAll() throws IOException {
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

    private <T> Optional<T> read(String name, Class<T> type) throws IOException {
        Path f = dir.resolve(name);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), type));
        } catch (IOException e) {
            throw new IOException("cannot read " + f + ": " + e.getMessage()
                    + " (the file is damaged; remove it and run 'berth sync' to rebuild it)", e);
        }
    }

    private void write(String name, Object value) throws IOException {
        files.write(name, JSON.writeValueAsBytes(value));
    }

    public static ObjectMapper json() {
        return JSON;
    }
}

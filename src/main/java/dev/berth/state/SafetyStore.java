package dev.berth.state;

import dev.berth.host.StateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The safety files of the state folder: {@code safety.json} (settings) and {@code rejected.json}. */
public final class SafetyStore {
    private static final String SETTINGS = "safety.json";
    private static final String REJECTED = "rejected.json";

    private final Path dir;
    private final StateFiles files;

    public SafetyStore(Path stateDir) {
        this.dir = stateDir;
        this.files = new StateFiles(stateDir);
    }

    public SafetySettings settings() throws IOException {
        return read(SETTINGS, StateForms.SAFETY).orElse(SafetySettings.DEFAULTS);
    }

    public void saveSettings(SafetySettings settings) throws IOException {
        files.write(SETTINGS, StateForms.SAFETY.bytes(settings));
    }

    public Optional<RejectedCommit> rejected() throws IOException {
        return read(REJECTED, StateForms.REJECTED);
    }

    public void saveRejected(RejectedCommit rejected) throws IOException {
        files.write(REJECTED, StateForms.REJECTED.bytes(rejected));
    }

    private <T> Optional<T> read(String name, StateForm<T> form) throws IOException {
        Path f = dir.resolve(name);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(form.value(f));
        } catch (IOException e) {
            throw new IOException("cannot read " + f + ": " + e.getMessage() + " (the file is damaged: fix or remove it)", e);
        }
    }
}

package dev.berth.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.berth.host.PrivateFolder;
import dev.berth.host.StateFiles;
import dev.berth.json.Json;
import dev.berth.status.NotifyStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code notify.json} (the settings, tokens included) and {@code notify-status.json} in the state folder, both 0600. */
public final class NotifyFiles {
    static final String CONFIG = "notify.json";
    static final String STATUS = NotifyStatus.FILE;

    private final StateFiles files;

    public NotifyFiles(Path stateDir) {
        this.files = new StateFiles(stateDir);
    }

    public Path configPath() {
        return files.path(CONFIG);
    }

    /** The settings; none when the file does not exist. A broken file is an error naming it, never an empty config. */
    public NotifyConfig config() throws IOException {
        Path p = configPath();
        if (!Files.exists(p)) {
            return NotifyConfig.EMPTY;
        }
        try {
            return Json.stateFiles().readValue(p.toFile(), NotifyConfig.class);
        } catch (JsonProcessingException e) {
            throw new IOException(p + " cannot be read: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr()
                    + "); fix or remove it, or use 'berth notify' to change it", e);
        }
    }

    public void save(NotifyConfig config) throws IOException {
        PrivateFolder.ensure(files.dir());
        files.write(CONFIG, Json.stateFiles().writeValueAsBytes(config));
    }

    /** What the daemon's notifier last did; empty when it never ran here. */
    public Optional<NotifyStatus> status() {
        return NotifyStatus.read(files.dir());
    }

    void saveStatus(NotifyStatus status) throws IOException {
        files.write(STATUS, Json.stateFiles().writeValueAsBytes(status));
    }
}

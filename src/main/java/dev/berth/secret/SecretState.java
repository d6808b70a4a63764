package dev.berth.secret;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.host.AtomicFileWriter;
import dev.berth.json.Json;
import dev.berth.failure.FailureKind;
import dev.berth.host.StateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Podman secrets Berth created on this host, with the sha256 of the ciphertext each was made from
 * ({@code secrets.json} in the state folder): what changed, and what to remove when its file leaves the
 * repository. Holds no plaintext.
 */
final class SecretState {
    static final String FILE_NAME = "secrets.json";

    private final StateFiles folder;
    private final Path file;

    SecretState(Path stateDir) {
        this.folder = new StateFiles(stateDir);
        this.file = folder.path(FILE_NAME);
    }

    Map<String, String> load() throws SecretException {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(Json.mapper().readValue(file.toFile(), new TypeReference<Map<String, String>>() { }));
        } catch (IOException e) {
            throw new SecretException(FailureKind.STATE, "cannot read " + file + " (" + e.getMessage() + "): fix or delete it"
                    + " (Berth then creates every secret again)", e);
        }
    }

    void save(Map<String, String> created) throws SecretException {
        try {
            folder.write(FILE_NAME, Json.pretty().writeValueAsBytes(new TreeMap<>(created)));
        } catch (IOException e) {
            throw new SecretException(FailureKind.STATE, "cannot save " + file + ": " + e.getMessage(), e);
        }
    }
}

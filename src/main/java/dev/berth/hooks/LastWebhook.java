package dev.berth.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.host.StateFiles;
import dev.berth.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The last delivery received, kept in the state folder ({@value #FILE}) so that {@code berth status} (another
 * process) and the console can show it: when, from which forge, its id and ref, and what Berth did and why.
 *
 * @param receivedAt epoch milliseconds
 * @param deliveryId the forge's id of the delivery, or null if it sent none
 * @param ref        the pushed ref, or null when the delivery was refused (an unverified body is never read) or
 *                   named none
 */
public record LastWebhook(long receivedAt, Forge forge, String deliveryId, String ref, WebhookOutcome outcome, String reason) {
    public static final String FILE = "last-webhook.json";
    private static final ObjectMapper JSON = Json.stateFiles();

    static LastWebhook of(long receivedAt, Forge forge, Reception r) {
        return new LastWebhook(receivedAt, forge, r.deliveryId(), r.ref(), r.outcome(), r.reason());
    }

    public void write(Path stateDir) throws IOException {
        new StateFiles(stateDir).write(FILE, JSON.writeValueAsBytes(this));
    }

    /** The last delivery recorded; empty when none was, or the file cannot be read (status must never fail on it). */
    public static Optional<LastWebhook> read(Path stateDir) {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(stateDir.resolve(FILE)), LastWebhook.class));
        } catch (IOException e) { // missing included
            return Optional.empty();
        }
    }

    /** One line for {@code berth status}, without the time (the caller formats it in the host's zone). */
    public String summary() {
        return forge.word() + (deliveryId == null ? "" : " delivery " + deliveryId) + (ref == null ? "" : " " + ref)
                + ": " + outcome.word() + " (" + reason + ")";
    }
}

package dev.berth.build;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An image pushed to an OCI layout folder ({@code podman push IMAGE oci:DIR}): its manifest digest from
 * {@code index.json}, and its config and layers from the manifest. What two builds are compared by.
 */
record OciLayout(Path dir, String manifestDigest, String configDigest, List<String> layers) {

    static OciLayout read(Path dir) throws IOException {
        JsonNode index = Json.mapper().readTree(dir.resolve("index.json").toFile());
        JsonNode manifests = index.path("manifests");
        if (manifests.size() != 1) {
            throw new IOException(dir + "/index.json lists " + manifests.size() + " manifests, expected one");
        }
        String digest = manifests.get(0).path("digest").asText();
        JsonNode manifest = Json.mapper().readTree(blob(dir, digest).toFile());
        List<String> layers = new ArrayList<>();
        manifest.path("layers").forEach(l -> layers.add(l.path("digest").asText()));
        return new OciLayout(dir, digest, manifest.path("config").path("digest").asText(), List.copyOf(layers));
    }

    static Path blob(Path dir, String digest) {
        int colon = digest.indexOf(':');
        return dir.resolve("blobs").resolve(digest.substring(0, colon)).resolve(digest.substring(colon + 1));
    }

    InputStream open(String digest) throws IOException {
        return Files.newInputStream(blob(dir, digest));
    }

    JsonNode config() throws IOException {
        return Json.mapper().readTree(blob(dir, configDigest).toFile());
    }
}

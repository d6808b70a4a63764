package dev.berth.build;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.host.ProcessResult;
import dev.berth.host.ProcessRunner;
import dev.berth.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The installed Podman's version, which decides how a build is made reproducible. */
public record PodmanVersion(int major, int minor, String text) {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

    public static PodmanVersion parse(String text) {
        Matcher m = VERSION.matcher(text == null ? "" : text);
        if (!m.find()) {
            throw new IllegalArgumentException("not a Podman version: '" + text + "'");
        }
        return new PodmanVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), text.strip());
    }

    /** Asks {@code podman version --format json} for the client version. */
    public static PodmanVersion detect(ProcessRunner runner) throws BuildException {
        ProcessResult r = runner.run(List.of("podman", "version", "--format", "json"), Duration.ofSeconds(30));
        if (!r.ok()) {
            throw new BuildException("cannot ask Podman for its version ('podman version --format json'): " + r.message());
        }
        try {
            JsonNode client = Json.mapper().readTree(r.stdout()).path("Client").path("Version");
            return parse(client.asText());
        } catch (IOException | IllegalArgumentException e) {
            throw new BuildException("cannot read the output of 'podman version --format json': " + e.getMessage(), e);
        }
    }

    public boolean atLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || major == wantMajor && minor >= wantMinor;
    }
}

package dev.berth.build;

import dev.berth.host.FileTrees;
import dev.berth.host.HostException;
import dev.berth.host.PodmanImages;
import dev.berth.host.ProcessResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code berth build}: build a unit's image now, verify that it is reproducible, push it. */
public final class ImageBuilds {
    private static final Duration PODMAN_TIMEOUT = Duration.ofMinutes(10);

    private final PodmanImages podman;
    private final CleanEnvironmentRunner builds;

    /** @param builds runs the builds and pushes, in the clean environment a build needs */
    public ImageBuilds(PodmanImages podman, CleanEnvironmentRunner builds) {
        this.podman = podman;
        this.builds = builds;
    }

    /** A built image: its ID (config digest) and the manifest digest of its local copy. */
    public record Image(String tag, String id, String digest) {
    }

    /**
     * Two builds from scratch compared.
     *
     * @param differences what differs, one line each (config fields, then layer entries); empty when equal
     */
    public record Verification(String unit, String firstDigest, String secondDigest, List<String> differences) {
        public boolean reproducible() {
            return firstDigest.equals(secondDigest);
        }
    }

    public Image build(PodmanBuild cmd) throws BuildException {
        run(cmd);
        return inspect(cmd.tag()).orElseThrow(() -> new BuildException(cmd.unit() + ": built, but podman knows no image " + cmd.tag()));
    }

    /** The local image's ID and manifest digest, if there is one. */
    public Optional<Image> inspect(String tag) {
        return podman.inspectImage(tag).map(i -> new Image(tag, i.id(), i.digest()));
    }

    public Verification verify(PodmanBuild cmd) throws BuildException {
        String base = "localhost/berth-verify-" + cmd.unit().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        Path work;
        try {
            work = Files.createTempDirectory("berth-verify");
        } catch (IOException e) {
            throw new BuildException("cannot make a temporary folder: " + e.getMessage(), e);
        }
        List<String> tags = List.of(base + ":first", base + ":second");
        try {
            List<OciLayout> images = new ArrayList<>();
            for (String tag : tags) {
                run(cmd.retagged(tag, List.of("--no-cache")));
                Path dir = work.resolve(tag.substring(tag.indexOf(':') + 1));
                podman(List.of("podman", "push", "--quiet", tag, "oci:" + dir), "push " + tag + " to an OCI folder");
                images.add(OciLayout.read(dir));
            }
            OciLayout a = images.get(0);
            OciLayout b = images.get(1);
            List<String> differences = a.manifestDigest().equals(b.manifestDigest()) ? List.of() : differences(a, b);
            return new Verification(cmd.unit(), a.manifestDigest(), b.manifestDigest(), differences);
        } catch (IOException e) {
            throw new BuildException(cmd.unit() + ": cannot read the pushed images: " + e.getMessage(), e);
        } finally {
            for (String tag : tags) {
                try {
                    podman.removeImage(tag);
                } catch (HostException ignored) {
                    // a leftover scratch tag is harmless: the next verify replaces it
                }
            }
            try {
                FileTrees.deleteRecursively(work);
            } catch (IOException ignored) {
                // a leftover folder in the temp dir is harmless
            }
        }
    }

    /** What differs between two images: config fields, then layer entries (package-private for the ITs). */
    static List<String> differences(OciLayout a, OciLayout b) throws IOException {
        List<String> out = new ArrayList<>();
        if (!a.configDigest().equals(b.configDigest())) {
            ConfigDiff.between(a.config(), b.config()).forEach(d -> out.add("config " + d));
        }
        if (a.layers().size() != b.layers().size()) {
            out.add("layers: " + a.layers().size() + " → " + b.layers().size());
            return out;
        }
        for (int i = 0; i < a.layers().size(); i++) {
            if (a.layers().get(i).equals(b.layers().get(i))) {
                continue;
            }
            Map<String, TarEntry> first;
            Map<String, TarEntry> second;
            try (InputStream x = a.open(a.layers().get(i)); InputStream y = b.open(b.layers().get(i))) {
                first = TarListing.read(x);
                second = TarListing.read(y);
            }
            List<LayerDiff.Difference> diff = LayerDiff.between(first, second);
            if (diff.isEmpty()) {
                out.add("layer " + (i + 1) + ": same entries, different bytes (entry order or compression)");
            }
            for (LayerDiff.Difference d : diff) {
                out.add("layer " + (i + 1) + " " + d);
            }
        }
        return out;
    }

    /** Pushes the image to {@code registry} under the same name and tag; returns the destination. */
    public String push(String tag, String registry) throws BuildException {
        String dest = "docker://" + registry.replaceAll("/+$", "") + "/" + repositoryPath(tag);
        podman(List.of("podman", "push", "--quiet", tag, dest), "push " + tag + " to " + dest);
        return dest;
    }

    /** {@code localhost/app:1} → {@code app:1}; {@code example.com:5000/team/app} → {@code team/app}. */
    static String repositoryPath(String tag) {
        int slash = tag.indexOf('/');
        if (slash > 0) {
            String first = tag.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return tag.substring(slash + 1);
            }
        }
        return tag;
    }

    private void run(PodmanBuild cmd) throws BuildException {
        ProcessResult r = builds.run(cmd.argv(), cmd.workingDirectory(), ReproducibleBuilds.BUILD_TIMEOUT);
        if (!r.ok()) {
            throw new BuildException("build of " + cmd.unit() + " (" + cmd.service() + ") "
                    + (r.timedOut() ? "did not finish in time" : BuildFailure.describe(r.stdout() + r.stderr())));
        }
    }

    private void podman(List<String> argv, String what) throws BuildException {
        ProcessResult r = builds.run(argv, null, PODMAN_TIMEOUT);
        if (!r.ok()) {
            throw new BuildException("cannot " + what + ": " + r.message());
        }
    }
}

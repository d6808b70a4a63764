package dev.berth.build;

import dev.berth.host.HostLayout;
import dev.berth.host.PodmanImages;
import dev.berth.state.AppliedState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads each deployed build's epoch from the drop-in Berth installed for it (what systemd builds with),
 * and asks Podman for the image's ID and digest.
 */
public final class BuildStatusCollector {
    private static final Pattern EPOCH = Pattern.compile("--(source-date-epoch|timestamp)=(\\d+)");
    private static final Pattern COMMIT = Pattern.compile("committer time of ([0-9a-f]{40})");
    private static final String SUFFIX = ".d/" + ReproducibleDropIn.FILE_NAME;

    private final HostLayout layout;
    private final ImageBuilds images;

    public BuildStatusCollector(HostLayout layout, PodmanImages podman) {
        this.layout = layout;
        this.images = new ImageBuilds(podman, new CleanEnvironmentRunner());
    }

    public List<BuildStatus> collect(AppliedState applied) {
        List<BuildStatus> out = new ArrayList<>();
        for (String target : applied.files().keySet()) {
            if (!target.endsWith(SUFFIX)) {
                continue;
            }
            String unitTarget = target.substring(0, target.length() - SUFFIX.length());
            String unit = unitTarget.substring(unitTarget.lastIndexOf('/') + 1);
            String dropIn = read(layout.pathOf(target));
            String tag = imageTag(read(layout.pathOf(unitTarget)));
            Matcher e = EPOCH.matcher(dropIn);
            Matcher c = COMMIT.matcher(dropIn);
            boolean found = e.find();
            long epoch = found ? Long.parseLong(e.group(2)) : -1;
            String mode = found ? e.group(1) : null;
            String commit = c.find() ? c.group(1) : null;
            ImageBuilds.Image image = tag == null ? null : images.inspect(tag).orElse(null);
            out.add(new BuildStatus(unit, tag, epoch, commit, mode, image == null ? null : image.id(),
                    image == null ? null : image.digest()));
        }
        return out;
    }

    static String imageTag(String unitText) {
        String tag = null;
        for (String line : unitText.split("\n")) {
            String l = line.strip();
            if (l.startsWith("ImageTag=")) {
                tag = l.substring("ImageTag=".length()).strip();
            }
        }
        return tag;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}

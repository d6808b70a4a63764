package dev.berth.build;

import dev.berth.host.HostException;
import dev.berth.host.PodmanImages;
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

    /** Asks the installed Podman for its client version. */
    public static PodmanVersion detect(PodmanImages podman) throws BuildException {
        try {
            return parse(podman.clientVersion());
        } catch (HostException e) {
            throw new BuildException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BuildException("cannot read the output of 'podman version --format json': " + e.getMessage(), e);
        }
    }

    public boolean atLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || major == wantMajor && minor >= wantMinor;
    }
}

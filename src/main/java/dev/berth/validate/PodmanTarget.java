package dev.berth.validate;

import dev.berth.build.PodmanVersion;
import dev.berth.unit.QuadletKeys;

/**
 * The Podman release a repository is checked against, and where Berth got it: what quadlet accepts
 * depends on it (keys and rules that arrived in 5.5, 5.6, ...).
 *
 * @param version the release; only major and minor matter
 * @param source  how it was chosen, said in {@code berth validate}'s output
 */
public record PodmanTarget(PodmanVersion version, Source source) {

    public enum Source {
        GIVEN("given with --podman-version"),
        HOST("found on this host"),
        ASSUMED("the newest Berth knows; no Podman on this host: give --podman-version to check for another");

        private final String text;

        Source(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The newest release Berth knows, for hosts without Podman and no {@code --podman-version}. */
    public static PodmanTarget assumedNewest() {
        return new PodmanTarget(new PodmanVersion(QuadletKeys.NEWEST_MAJOR, QuadletKeys.NEWEST_MINOR,
                QuadletKeys.NEWEST_MAJOR + "." + QuadletKeys.NEWEST_MINOR), Source.ASSUMED);
    }

    public int major() {
        return version.major();
    }

    public int minor() {
        return version.minor();
    }

    public boolean atLeast(int major, int minor) {
        return version.atLeast(major, minor);
    }

    /** Newer than the newest release Berth's lists describe: a key Berth does not know may be new, not wrong. */
    public boolean newerThanBerthKnows() {
        return version.major() > QuadletKeys.NEWEST_MAJOR
                || version.major() == QuadletKeys.NEWEST_MAJOR && version.minor() > QuadletKeys.NEWEST_MINOR;
    }

    /** e.g. {@code Podman 5.4.2 (found on this host)}. */
    @Override
    public String toString() {
        return "Podman " + version.text() + " (" + source + ")";
    }
}

package dev.berth.host;

import java.nio.file.Path;

/**
 * Where Berth keeps its state and puts the files it installs, for a rootful or a rootless host.
 *
 * @param rootless   true when running as an ordinary user: systemctl --user, files in the home folder
 * @param stateDir   Berth's own state: config, applied state, history, the git clone
 * @param quadletDir the folder Berth owns inside the quadlet search path (quadlet scans it recursively)
 * @param unitDir    the systemd unit folder for plain units (shared with the host: ownership is tracked)
 * @param runtimeDir where the daemon's control socket lives
 */
public record HostLayout(boolean rootless, Path stateDir, Path quadletDir, Path unitDir, Path runtimeDir) {

    /** An install target under {@link #quadletDir}, e.g. {@code quadlet/web/web.container}. */
    public static final String QUADLET_PREFIX = "quadlet/";
    /** An install target in {@link #unitDir}, e.g. {@code unit/backup.timer}. */
    public static final String UNIT_PREFIX = "unit/";

    /** The layout for the current user; {@code stateDirOverride} (may be null) moves only the state. */
    public static HostLayout forCurrentUser(Path stateDirOverride) {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path home = Path.of(System.getProperty("user.home"));
        if (root) {
            return new HostLayout(false,
                    stateDirOverride != null ? stateDirOverride : Path.of("/var/lib/berth"),
                    Path.of("/etc/containers/systemd/berth"),
                    Path.of("/etc/systemd/system"),
                    Path.of("/run/berth"));
        }
        String xdgRuntime = System.getenv("XDG_RUNTIME_DIR");
        String xdgConfig = System.getenv("XDG_CONFIG_HOME");
        String xdgData = System.getenv("XDG_DATA_HOME");
        Path config = xdgConfig != null && !xdgConfig.isBlank() ? Path.of(xdgConfig) : home.resolve(".config");
        Path data = xdgData != null && !xdgData.isBlank() ? Path.of(xdgData) : home.resolve(".local/share");
        return new HostLayout(true,
                stateDirOverride != null ? stateDirOverride : data.resolve("berth"),
                config.resolve("containers/systemd/berth"),
                config.resolve("systemd/user"),
                xdgRuntime != null && !xdgRuntime.isBlank() ? Path.of(xdgRuntime, "berth") : data.resolve("berth/run"));
    }

    /** The absolute path of an installed file's target, e.g. {@code quadlet/web/web.container}. */
    public Path pathOf(String target) {
        if (target.startsWith(QUADLET_PREFIX)) {
            return quadletDir.resolve(target.substring(QUADLET_PREFIX.length()));
        }
        if (target.startsWith(UNIT_PREFIX)) {
            return unitDir.resolve(target.substring(UNIT_PREFIX.length()));
        }
        throw new IllegalArgumentException("unknown install target " + target);
    }

    public Path socketPath() {
        return runtimeDir.resolve("berth.sock");
    }
}

package dev.berth.unit;

import java.util.Optional;

/**
 * The name of a unit file, split the way systemd and quadlet read it:
 * {@code web.container}, the template {@code web@.container}, the instance {@code web@blue.container}.
 *
 * @param prefix   the part before {@code @} or the extension, e.g. {@code web}
 * @param instance null for a plain unit, empty for a template, the instance name for an instance
 * @param kind     what the extension says the file is
 */
public record UnitName(String prefix, String instance, UnitKind kind) {

    public UnitName {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("unit name has an empty prefix");
        }
    }

    /** Parses a file name (no directories); empty when it is not a unit file name. */
    public static Optional<UnitName> parse(String fileName) {
        Optional<UnitKind> kind = UnitKind.ofFileName(fileName);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        String stem = fileName.substring(0, fileName.length() - kind.get().extension().length() - 1);
        int at = stem.indexOf('@');
        String prefix = at < 0 ? stem : stem.substring(0, at);
        String instance = at < 0 ? null : stem.substring(at + 1);
        if (prefix.isEmpty() || !validChars(prefix) || instance != null && !validChars(instance)) {
            return Optional.empty();
        }
        return Optional.of(new UnitName(prefix, instance, kind.get()));
    }

    /** systemd's longest unit name (UNIT_NAME_MAX is 256, with the terminating NUL). */
    public static final int MAX_LENGTH = 255;

    /**
     * Why {@code name} (a whole unit name, {@code web.service}) may not name a unit Berth installs or hands
     * to systemctl, or empty when it may: systemd.unit(5)'s rules (letters, digits, {@code : - _ . \}, one
     * {@code @} not at the start, a type suffix, at most 255 characters), and one of Berth's own: no leading
     * {@code -}, which systemd accepts ({@code -.mount}) but which command lines read as an option
     * ({@code -Hevil.service} is {@code -H evil.service}: talk to the host "evil.service").
     */
    public static Optional<String> problemWith(String name) {
        if (name.startsWith("-")) {
            return Optional.of("'" + name + "' starts with '-', which systemctl and other tools read as an option: rename it");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("'" + name + "' is longer than " + MAX_LENGTH + " characters, the most systemd accepts: shorten it");
        }
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        int at = stem.indexOf('@');
        if (dot <= 0 || at == 0 || !validChars(stem.replace("@", ""))) {
            return Optional.of("'" + name + "' is not a valid systemd unit name: use only letters, digits and : - _ . \\"
                    + " with at most one @ (not first) before the type suffix");
        }
        return Optional.empty();
    }

    // systemd.unit(5): unit names consist of ASCII letters, digits, ":", "-", "_", ".", and "\".
    private static boolean validChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == ':' || c == '-' || c == '_' || c == '.' || c == '\\';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public boolean isTemplate() {
        return instance != null && instance.isEmpty();
    }

    public boolean isInstance() {
        return instance != null && !instance.isEmpty();
    }

    /** The file name this unit is read from, e.g. {@code web@blue.container}. */
    public String fileName() {
        return prefix + (instance == null ? "" : "@" + instance) + "." + kind.extension();
    }

    /** The template this instance belongs to, e.g. {@code web@.container} for {@code web@blue.container}. */
    public UnitName template() {
        return new UnitName(prefix, "", kind);
    }

    /**
     * The systemd unit this file becomes when no {@code ServiceName=} overrides it: quadlets map to a
     * generated service ({@code db.volume} → {@code db-volume.service}), plain units keep their name.
     */
    public String defaultSystemdName() {
        if (!kind.isQuadlet()) {
            return fileName();
        }
        return prefix + kind.serviceSuffix() + (instance == null ? "" : "@" + instance) + ".service";
    }

    @Override
    public String toString() {
        return fileName();
    }
}

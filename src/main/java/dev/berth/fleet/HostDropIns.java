package dev.berth.fleet;

import java.util.Map;

/**
 * Per-host values without copying units: a drop-in named {@code host-NAME.conf} applies only on host NAME,
 * one named {@code group-GROUP.conf} only on members of GROUP; every other drop-in applies everywhere.
 * They sit in the usual drop-in folders ({@code web.container.d/host-edge-1.conf}, {@code container.d/group-edge.conf}).
 * systemd applies drop-ins sorted by file name, so a host's drop-in ({@code h}) overrides a group's ({@code g}),
 * and both override numbered ones ({@code 10-base.conf}).
 */
public final class HostDropIns {

    static final String HOST_PREFIX = "host-";
    static final String GROUP_PREFIX = "group-";

    private HostDropIns() {
    }

    /** @param dropInPath repository path of a drop-in file */
    public static boolean appliesTo(String dropInPath, HostIdentity host, Map<String, Group> groups) {
        String name = fileStem(dropInPath);
        if (name.startsWith(HOST_PREFIX)) {
            return name.substring(HOST_PREFIX.length()).equals(host.name());
        }
        if (name.startsWith(GROUP_PREFIX)) {
            Group g = groups.get(name.substring(GROUP_PREFIX.length()));
            return g != null && g.contains(host);
        }
        return true;
    }

    /** The host or group a drop-in is for ("host", NAME) / ("group", NAME), or null for a drop-in for all. */
    static String[] target(String dropInPath) {
        String name = fileStem(dropInPath);
        if (name.startsWith(HOST_PREFIX)) {
            return new String[] {"host", name.substring(HOST_PREFIX.length())};
        }
        if (name.startsWith(GROUP_PREFIX)) {
            return new String[] {"group", name.substring(GROUP_PREFIX.length())};
        }
        return null;
    }

    private static String fileStem(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.endsWith(".conf") ? file.substring(0, file.length() - 5) : file;
    }
}

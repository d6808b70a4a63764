package dev.berth.repo;

import dev.berth.host.HostLayout;

/**
 * A file Berth puts on the host, named by where it goes rather than by absolute path, so the same
 * desired state serves rootful and rootless hosts.
 *
 * @param target where it goes: {@code quadlet/<repo path>} (under Berth's own folder in the quadlet
 *               search path) or {@code unit/<name>} (the systemd unit folder, which has no subfolders)
 * @param source repository-relative path it is copied from
 * @param digest sha256 of its content, lower-case hex
 */
public record InstalledFile(String target, String source, String digest) {

    // the host layout owns the folders a target names; these are its prefixes under the names the repository side uses
    public static final String QUADLET_PREFIX = HostLayout.QUADLET_PREFIX;
    public static final String UNIT_PREFIX = HostLayout.UNIT_PREFIX;
}

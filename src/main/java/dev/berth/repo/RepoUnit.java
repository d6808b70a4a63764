package dev.berth.repo;

import dev.berth.unit.UnitFile;
import dev.berth.unit.UnitName;
import java.util.List;

/**
 * A unit as the repository declares it.
 *
 * @param name            parsed file name; the file name is the unit's identity (quadlet flattens folders)
 * @param path            repository-relative path of the unit file
 * @param unit            the unit with its drop-ins merged in, in the order systemd applies them
 * @param dropIns         repository-relative paths of the drop-ins that apply, in that order
 * @param supportingFiles repository-relative paths of files the unit uses (environment files, mounted
 *                        files, kube YAML, Containerfiles and build contexts), sorted
 * @param systemdName     the systemd unit it becomes ({@code ServiceName=} applied)
 * @param dependsOn       file names of other units of this repository it needs started first
 * @param inputDigest     sha256 over the unit, its drop-ins and supporting files: any change restarts it
 * @param options         Berth's own settings from {@code [X-Berth]}
 */
public record RepoUnit(
        UnitName name,
        String path,
        UnitFile unit,
        List<String> dropIns,
        List<String> supportingFiles,
        String systemdName,
        List<String> dependsOn,
        String inputDigest,
        UnitOptions options) {

    public RepoUnit {
        dropIns = List.copyOf(dropIns);
        supportingFiles = List.copyOf(supportingFiles);
        dependsOn = List.copyOf(dependsOn);
    }

    public String fileName() {
        return name.fileName();
    }
}

package dev.berth.plan;

import dev.berth.repo.DesiredState;
import dev.berth.repo.InstalledFile;
import dev.berth.repo.RepoUnit;
import dev.berth.repo.UnitOptions;
import dev.berth.unit.UnitFile;
import dev.berth.unit.UnitName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link DesiredState} in memory for planner tests. File "digests" are whatever short strings
 * a test picks ("v1", "v2"); a unit's input digest is derived from the digests of the files it reads,
 * as the repository reader derives it from their content.
 *
 * <pre>
 * new DesiredBuilder()
 *     .unit("web.container").in("web").supporting("web/site.env", "v2").dependsOn("net.network").add()
 *     .build();
 * </pre>
 */
final class DesiredBuilder {

    private final Map<String, UnitSpec> units = new LinkedHashMap<>();
    private final Map<String, InstalledFile> files = new TreeMap<>();

    UnitSpec unit(String fileName) {
        return new UnitSpec(fileName);
    }

    /** Starts from an existing state (say, the previous commit) to change a few things. */
    static DesiredBuilder from(DesiredBuilder other) {
        DesiredBuilder copy = new DesiredBuilder();
        other.units.forEach((name, spec) -> copy.units.put(name, spec.copyFor(copy)));
        copy.files.putAll(other.files);
        return copy;
    }

    /** A file no unit claims (rare, but the planner must still install and remove it). */
    DesiredBuilder file(String source, String digest) {
        files.put(targetOf(source), new InstalledFile(targetOf(source), source, digest));
        return this;
    }

    DesiredBuilder without(String unitFileName) {
        units.remove(unitFileName);
        return this;
    }

    /** The spec of a unit already added, to change it. */
    UnitSpec edit(String unitFileName) {
        return units.get(unitFileName);
    }

    DesiredState build() {
        Map<String, RepoUnit> repoUnits = new TreeMap<>();
        Map<String, InstalledFile> allFiles = new TreeMap<>(files);
        for (UnitSpec spec : units.values()) {
            for (Map.Entry<String, String> f : spec.inputs().entrySet()) {
                allFiles.put(targetOf(f.getKey()), new InstalledFile(targetOf(f.getKey()), f.getKey(), f.getValue()));
            }
            repoUnits.put(spec.fileName, spec.toRepoUnit());
        }
        return new DesiredState(repoUnits, allFiles);
    }

    static String targetOf(String source) {
        String fileName = source.substring(source.lastIndexOf('/') + 1);
        boolean plainUnit = UnitName.parse(fileName).map(n -> !n.kind().isQuadlet()).orElse(false);
        return plainUnit ? InstalledFile.UNIT_PREFIX + fileName : InstalledFile.QUADLET_PREFIX + source;
    }

    final class UnitSpec {
        final String fileName;
        String folder = "";
        String digest = "v1";
        final Map<String, String> dropIns = new LinkedHashMap<>();
        final Map<String, String> supporting = new LinkedHashMap<>();
        final List<String> dependsOn = new ArrayList<>();
        String serviceName;
        boolean autoStart = true;
        boolean self;

        private UnitSpec(String fileName) {
            this.fileName = fileName;
        }

        UnitSpec in(String folder) {
            this.folder = folder;
            return this;
        }

        UnitSpec digest(String digest) {
            this.digest = digest;
            return this;
        }

        UnitSpec dropIn(String source, String digest) {
            dropIns.put(source, digest);
            return this;
        }

        UnitSpec supporting(String source, String digest) {
            supporting.put(source, digest);
            return this;
        }

        UnitSpec dependsOn(String... names) {
            dependsOn.addAll(List.of(names));
            return this;
        }

        UnitSpec serviceName(String name) {
            this.serviceName = name;
            return this;
        }

        UnitSpec notAutoStarted() {
            this.autoStart = false;
            return this;
        }

        UnitSpec self() {
            this.self = true;
            return this;
        }

        DesiredBuilder add() {
            units.put(fileName, this);
            return DesiredBuilder.this;
        }

        String path() {
            return folder.isEmpty() ? fileName : folder + "/" + fileName;
        }

        Map<String, String> inputs() {
            Map<String, String> all = new LinkedHashMap<>();
            all.put(path(), digest);
            all.putAll(dropIns);
            all.putAll(supporting);
            return all;
        }

        RepoUnit toRepoUnit() {
            UnitName name = UnitName.parse(fileName).orElseThrow();
            String inputDigest = String.join("|", inputs().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
            return new RepoUnit(name, path(), new UnitFile(path(), List.of()), List.copyOf(dropIns.keySet()),
                    supporting.keySet().stream().sorted().toList(),
                    serviceName != null ? serviceName : name.defaultSystemdName(), dependsOn, inputDigest,
                    new UnitOptions(autoStart, self, UnitOptions.DEFAULT_HEALTH_TIMEOUT));
        }

        UnitSpec copyFor(DesiredBuilder owner) {
            UnitSpec copy = owner.new UnitSpec(fileName);
            copy.folder = folder;
            copy.digest = digest;
            copy.dropIns.putAll(dropIns);
            copy.supporting.putAll(supporting);
            copy.dependsOn.addAll(dependsOn);
            copy.serviceName = serviceName;
            copy.autoStart = autoStart;
            copy.self = self;
            return copy;
        }
    }
}

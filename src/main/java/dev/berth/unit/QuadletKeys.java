package dev.berth.unit;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings quadlet accepts in each kind's own section and in {@code [Quadlet]}, per Podman release.
 * Quadlet refuses a unit with any other key there ("unsupported key ... in group ...") and the service
 * silently never appears, so Berth checks before deploying.
 *
 * <p>The lists follow the supported-key tables of Podman's generator ({@code pkg/systemd/quadlet}): the
 * keys of 5.4, then what each later release added, up to the newest release Berth knows ({@link #NEWEST_MAJOR}.{@link
 * #NEWEST_MINOR}). Keys that quadlet still accepts but no longer documents (RemapUid, VolatileTmp, ...)
 * are included, since refusing them would reject units that work. Keys are case-sensitive, as in quadlet.
 * To add a release: add its new keys with {@link #added}.
 */
public final class QuadletKeys {

    /** The oldest release the lists describe: older Podman is checked as if it were this one. */
    public static final int OLDEST_MAJOR = 5;
    public static final int OLDEST_MINOR = 4;
    /** The newest release the lists describe: a newer Podman may accept keys not listed here. */
    public static final int NEWEST_MAJOR = 5;
    public static final int NEWEST_MINOR = 8;

    /** Keys of Podman 5.4, by kind. */
    private static final Map<UnitKind, Set<String>> BASE = new EnumMap<>(UnitKind.class);
    /** Keys added later: kind -> key -> the release ("5.5") that added it. */
    private static final Map<UnitKind, Map<String, Release>> ADDED = new EnumMap<>(UnitKind.class);
    /** The release that brought each kind, for kinds younger than 5.4. */
    private static final Map<UnitKind, Release> KIND_ADDED = new EnumMap<>(UnitKind.class);

    private record Release(int major, int minor) {
        boolean notAfter(int major, int minor) {
            return this.major < major || this.major == major && this.minor <= minor;
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }

    static {
        BASE.put(UnitKind.CONTAINER, keys("""
                AddCapability AddDevice AddHost Annotation AutoUpdate CgroupsMode ContainerName
                ContainersConfModule DNS DNSOption DNSSearch DropCapability Entrypoint Environment EnvironmentFile
                EnvironmentHost Exec ExposeHostPort GIDMap GlobalArgs Group GroupAdd HealthCmd HealthInterval
                HealthLogDestination HealthMaxLogCount HealthMaxLogSize HealthOnFailure HealthRetries
                HealthStartPeriod HealthStartupCmd HealthStartupInterval HealthStartupRetries HealthStartupSuccess
                HealthStartupTimeout HealthTimeout HostName IP IP6 Image Label LogDriver LogOpt Mask Mount Network
                NetworkAlias NoNewPrivileges Notify PidsLimit Pod PodmanArgs PublishPort Pull ReadOnly
                ReadOnlyTmpfs RemapGid RemapUid RemapUidSize RemapUsers Rootfs RunInit SeccompProfile Secret
                SecurityLabelDisable SecurityLabelFileType SecurityLabelLevel SecurityLabelNested SecurityLabelType
                ServiceName ShmSize StartWithPod StopSignal StopTimeout SubGIDMap SubUIDMap Sysctl Timezone Tmpfs
                UIDMap Ulimit Unmask User UserNS VolatileTmp Volume WorkingDir
                """));
        BASE.put(UnitKind.VOLUME, keys("""
                ContainersConfModule Copy Device Driver GlobalArgs Group Image Label Options PodmanArgs ServiceName
                Type User VolumeName
                """));
        BASE.put(UnitKind.NETWORK, keys("""
                ContainersConfModule DNS DisableDNS Driver Gateway GlobalArgs IPAMDriver IPRange IPv6 Internal
                Label NetworkName Options PodmanArgs ServiceName Subnet
                """));
        BASE.put(UnitKind.KUBE, keys("""
                AutoUpdate ConfigMap ContainersConfModule ExitCodePropagation GlobalArgs KubeDownForce LogDriver
                LogOpt Network PodmanArgs PublishPort RemapGid RemapUid RemapUidSize RemapUsers ServiceName
                SetWorkingDirectory UserNS Yaml
                """));
        BASE.put(UnitKind.IMAGE, keys("""
                AllTags Arch AuthFile CertDir ContainersConfModule Creds DecryptionKey GlobalArgs Image ImageTag OS
                PodmanArgs ServiceName TLSVerify Variant
                """));
        BASE.put(UnitKind.BUILD, keys("""
                Annotation Arch AuthFile ContainersConfModule DNS DNSOption DNSSearch Environment File ForceRM
                GlobalArgs GroupAdd ImageTag Label Network PodmanArgs Pull Secret ServiceName SetWorkingDirectory
                TLSVerify Target Variant Volume
                """));
        BASE.put(UnitKind.POD, keys("""
                AddHost ContainersConfModule DNS DNSOption DNSSearch GIDMap GlobalArgs IP IP6 Network NetworkAlias
                PodName PodmanArgs PublishPort RemapGid RemapUid RemapUidSize RemapUsers ServiceName ShmSize
                SubGIDMap SubUIDMap UIDMap UserNS Volume
                """));
        BASE.put(UnitKind.ARTIFACT, Set.of());

        added(5, 5, UnitKind.BUILD, "Retry RetryDelay");
        added(5, 5, UnitKind.CONTAINER, "Memory ReloadCmd ReloadSignal Retry RetryDelay");
        added(5, 5, UnitKind.IMAGE, "Retry RetryDelay");
        added(5, 5, UnitKind.NETWORK, "NetworkDeleteOnStop");
        added(5, 5, UnitKind.POD, "HostName");
        added(5, 6, UnitKind.IMAGE, "Policy");
        added(5, 6, UnitKind.NETWORK, "InterfaceName");
        added(5, 6, UnitKind.POD, "ExitPolicy Label");
        KIND_ADDED.put(UnitKind.ARTIFACT, new Release(5, 7));
        added(5, 7, UnitKind.ARTIFACT, """
                Artifact AuthFile CertDir ContainersConfModule Creds DecryptionKey GlobalArgs PodmanArgs Quiet Retry
                RetryDelay ServiceName TLSVerify
                """);
        added(5, 7, UnitKind.BUILD, "BuildArg IgnoreFile");
        added(5, 7, UnitKind.CONTAINER, "HttpProxy");
        added(5, 7, UnitKind.POD, "StopTimeout");
        added(5, 8, UnitKind.CONTAINER, "AppArmor");
    }

    /** Settings shared by every quadlet kind, in {@code [Quadlet]}. */
    private static final Set<String> QUADLET_SECTION_KEYS = keys("DefaultDependencies");

    /** The section quadlet reads the shared settings from. */
    public static final String QUADLET_SECTION = "Quadlet";

    private QuadletKeys() {
    }

    /**
     * True when quadlet of the newest release Berth knows would accept {@code key} in {@code section} of a
     * unit of {@code kind}. Sections quadlet does not police — [Unit], [Service], [Install], X-*, and
     * everything in plain systemd units — are systemd's business and always answer true.
     */
    public static boolean isKnown(UnitKind kind, String section, String key) {
        return isKnown(kind, section, key, NEWEST_MAJOR, NEWEST_MINOR);
    }

    /** As {@link #isKnown(UnitKind, String, String)}, for quadlet of Podman {@code major.minor}. */
    public static boolean isKnown(UnitKind kind, String section, String key, int major, int minor) {
        if (!kind.isQuadlet()) {
            return true;
        }
        if (section.equals(QUADLET_SECTION)) {
            return QUADLET_SECTION_KEYS.contains(key);
        }
        if (section.equals(kind.mainSection())) {
            if (BASE.get(kind).contains(key)) {
                return true;
            }
            Release since = ADDED.getOrDefault(kind, Map.of()).get(key);
            return since != null && since.notAfter(major, minor);
        }
        return true;
    }

    /** The release that added {@code key} to {@code kind}'s section ("5.5"), empty for keys of 5.4 and unknown keys. */
    public static Optional<String> addedIn(UnitKind kind, String key) {
        return Optional.ofNullable(ADDED.getOrDefault(kind, Map.of()).get(key)).map(Release::toString);
    }

    /** The release that brought quadlet units of {@code kind} ("5.7" for .artifact), empty for older kinds. */
    public static Optional<String> kindAddedIn(UnitKind kind) {
        return Optional.ofNullable(KIND_ADDED.get(kind)).map(Release::toString);
    }

    /** True when quadlet of Podman {@code major.minor} reads units of {@code kind} at all. */
    public static boolean kindKnown(UnitKind kind, int major, int minor) {
        Release since = KIND_ADDED.get(kind);
        return kind.isQuadlet() && (since == null || since.notAfter(major, minor));
    }

    /** The keys quadlet of the newest release Berth knows accepts in the main section of {@code kind}; empty for plain systemd kinds. */
    public static Set<String> mainSectionKeys(UnitKind kind) {
        if (!kind.isQuadlet()) {
            return Set.of();
        }
        Set<String> all = new HashSet<>(BASE.get(kind));
        all.addAll(ADDED.getOrDefault(kind, Map.of()).keySet());
        return Set.copyOf(all);
    }

    private static void added(int major, int minor, UnitKind kind, String list) {
        Map<String, Release> byKey = ADDED.computeIfAbsent(kind, k -> new java.util.HashMap<>());
        for (String key : keys(list)) {
            byKey.put(key, new Release(major, minor));
        }
    }

    private static Set<String> keys(String list) {
        return Set.copyOf(List.of(list.strip().split("\\s+")));
    }
}

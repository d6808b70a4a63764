package dev.berth.unit;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The settings quadlet accepts in each kind's own section and in {@code [Quadlet]}. Quadlet refuses a
 * unit with any other key there ("unsupported key ... in group ...") and the service silently never
 * appears, so Berth checks before deploying.
 *
 * <p>Lists are the union of the option tables in Podman 5.x's podman-systemd.unit(5) and the per-type
 * pages (podman-container.unit(5), ...) and the supported-key maps of the 5.x generator; keys that
 * quadlet still accepts but no longer documents (RemapUid, VolatileTmp, ...) are included, since
 * refusing them would reject units that work. Keys are case-sensitive, as in quadlet.
 * To add a key: append it to the kind's list below.
 */
public final class QuadletKeys {

    private static final Map<UnitKind, Set<String>> MAIN_SECTION_KEYS = new EnumMap<>(UnitKind.class);

    static {
        MAIN_SECTION_KEYS.put(UnitKind.CONTAINER, keys("""
                AddCapability AddDevice AddHost Annotation AutoUpdate CgroupsMode ContainerName
                ContainersConfModule DNS DNSOption DNSSearch DropCapability Entrypoint Environment
                EnvironmentFile EnvironmentHost Exec ExposeHostPort GIDMap GlobalArgs Group GroupAdd
                HealthCmd HealthInterval HealthLogDestination HealthMaxLogCount HealthMaxLogSize
                HealthOnFailure HealthRetries HealthStartPeriod HealthStartupCmd HealthStartupInterval
                HealthStartupRetries HealthStartupSuccess HealthStartupTimeout HealthTimeout HostName
                HttpProxy IP IP6 Image Label LogDriver LogOpt Mask Memory Mount Network NetworkAlias
                NoNewPrivileges Notify PidsLimit Pod PodmanArgs PublishPort Pull ReadOnly ReadOnlyTmpfs
                ReloadCmd ReloadSignal Retry RetryDelay Rootfs RunInit SeccompProfile Secret
                SecurityLabelDisable SecurityLabelFileType SecurityLabelLevel SecurityLabelNested
                SecurityLabelType ServiceName ShmSize StartWithPod StopSignal StopTimeout SubGIDMap
                SubUIDMap Sysctl Timezone Tmpfs UIDMap Ulimit Unmask User UserNS Volume WorkingDir
                RemapGid RemapUid RemapUidSize RemapUsers VolatileTmp
                """));
        MAIN_SECTION_KEYS.put(UnitKind.VOLUME, keys("""
                ContainersConfModule Copy Device Driver GlobalArgs Group Image Label Options PodmanArgs
                ServiceName Type User VolumeName
                """));
        MAIN_SECTION_KEYS.put(UnitKind.NETWORK, keys("""
                ContainersConfModule DisableDNS DNS Driver Gateway GlobalArgs InterfaceName Internal
                IPAMDriver IPRange IPv6 Label NetworkDeleteOnStop NetworkName Options PodmanArgs
                ServiceName Subnet
                """));
        MAIN_SECTION_KEYS.put(UnitKind.KUBE, keys("""
                AutoUpdate ConfigMap ContainersConfModule ExitCodePropagation GlobalArgs KubeDownForce
                LogDriver LogOpt Network PodmanArgs PublishPort ServiceName SetWorkingDirectory UserNS Yaml
                RemapGid RemapUid RemapUidSize RemapUsers
                """));
        MAIN_SECTION_KEYS.put(UnitKind.IMAGE, keys("""
                AllTags Arch AuthFile CertDir ContainersConfModule Creds DecryptionKey GlobalArgs Image
                ImageTag OS PodmanArgs Policy Retry RetryDelay ServiceName TLSVerify Variant
                """));
        MAIN_SECTION_KEYS.put(UnitKind.BUILD, keys("""
                Annotation Arch AuthFile ContainersConfModule DNS DNSOption DNSSearch Environment File
                ForceRM GlobalArgs GroupAdd ImageTag Label Network PodmanArgs Pull Retry RetryDelay
                Secret ServiceName SetWorkingDirectory Target TLSVerify Variant Volume
                """));
        MAIN_SECTION_KEYS.put(UnitKind.POD, keys("""
                AddHost ContainersConfModule DNS DNSOption DNSSearch ExitPolicy GIDMap GlobalArgs
                HostName IP IP6 Label Network NetworkAlias PodName PodmanArgs PublishPort ServiceName
                ShmSize SubGIDMap SubUIDMap UIDMap UserNS Volume
                RemapGid RemapUid RemapUidSize RemapUsers
                """));
        // .artifact arrived in Podman 5.7 (podman artifact pull); no stored copy of its man page was
        // at hand when this was written, so this list follows the pull options it wraps. Check it
        // against podman-artifact.unit(5) when a 5.7+ test host is available.
        MAIN_SECTION_KEYS.put(UnitKind.ARTIFACT, keys("""
                Artifact AuthFile CertDir ContainersConfModule Creds DecryptionKey GlobalArgs PodmanArgs
                Quiet Retry RetryDelay ServiceName TLSVerify
                """));
    }

    /** Settings shared by every quadlet kind, in {@code [Quadlet]}. */
    private static final Set<String> QUADLET_SECTION_KEYS = keys("DefaultDependencies");

    /** The section quadlet reads the shared settings from. */
    public static final String QUADLET_SECTION = "Quadlet";

    private QuadletKeys() {
    }

    /**
     * True when quadlet would accept {@code key} in {@code section} of a unit of {@code kind}. Sections
     * quadlet does not police — [Unit], [Service], [Install], X-*, and everything in plain systemd
     * units — are systemd's business and always answer true.
     */
    public static boolean isKnown(UnitKind kind, String section, String key) {
        if (!kind.isQuadlet()) {
            return true;
        }
        if (section.equals(QUADLET_SECTION)) {
            return QUADLET_SECTION_KEYS.contains(key);
        }
        if (section.equals(kind.mainSection())) {
            return MAIN_SECTION_KEYS.get(kind).contains(key);
        }
        return true;
    }

    /** The keys quadlet accepts in the main section of {@code kind}; empty for plain systemd kinds. */
    public static Set<String> mainSectionKeys(UnitKind kind) {
        return MAIN_SECTION_KEYS.getOrDefault(kind, Set.of());
    }

    private static Set<String> keys(String list) {
        return Set.of(list.strip().split("\\s+"));
    }
}

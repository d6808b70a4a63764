package dev.berth.unit;

import java.util.Optional;

/**
 * Every kind of unit file Berth deploys: the Podman quadlet kinds, which the quadlet generator turns
 * into services at daemon-reload, and plain systemd units, which systemd reads as they are.
 */
public enum UnitKind {
    CONTAINER("container", "Container", ""),
    KUBE("kube", "Kube", ""),
    VOLUME("volume", "Volume", "-volume"),
    NETWORK("network", "Network", "-network"),
    POD("pod", "Pod", "-pod"),
    IMAGE("image", "Image", "-image"),
    BUILD("build", "Build", "-build"),
    ARTIFACT("artifact", "Artifact", "-artifact"),
    SERVICE("service", "Service", null),
    TIMER("timer", "Timer", null),
    SOCKET("socket", "Socket", null),
    PATH("path", "Path", null),
    TARGET("target", "Target", null),
    MOUNT("mount", "Mount", null);

    private final String extension;
    private final String mainSection;
    private final String serviceSuffix;

    UnitKind(String extension, String mainSection, String serviceSuffix) {
        this.extension = extension;
        this.mainSection = mainSection;
        this.serviceSuffix = serviceSuffix;
    }

    /** File extension without the dot, e.g. {@code container}. */
    public String extension() {
        return extension;
    }

    /** The section that holds this kind's own settings, e.g. {@code [Container]} or {@code [Timer]}. */
    public String mainSection() {
        return mainSection;
    }

    /** True for the kinds Podman's quadlet generator translates into a service. */
    public boolean isQuadlet() {
        return serviceSuffix != null;
    }

    /** What quadlet inserts before {@code .service} in the generated name, e.g. {@code -volume}. */
    String serviceSuffix() {
        return serviceSuffix;
    }

    /** Units that are started by something else (a timer, socket or path) or that only group others. */
    public boolean isTrigger() {
        return this == TIMER || this == SOCKET || this == PATH;
    }

    public static Optional<UnitKind> fromExtension(String extension) {
        // Unit file extensions are case-sensitive for systemd and quadlet: "web.Container" is not a unit.
        for (UnitKind kind : values()) {
            if (kind.extension.equals(extension)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kind a file name ends with, e.g. {@code web.container} → CONTAINER; empty for other files. */
    public static Optional<UnitKind> ofFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        return fromExtension(fileName.substring(dot + 1));
    }
}

package dev.berth.host;

import java.util.Optional;

/** What the build and prune code ask of Podman's storage: its version, local images and volumes. */
public interface PodmanImages {

    /** The client version {@code podman version} reports, as text (such as {@code 5.4.2}). */
    String clientVersion() throws HostException;

    /** The local image of that name, if there is one. */
    Optional<LocalImage> inspectImage(String tag);

    /** Removes a local image; one that is not there is not an error. */
    void removeImage(String reference) throws HostException;

    /** Removes a volume, even one in use by a stopped container; one that is not there is not an error. */
    void removeVolume(String name) throws HostException;
}

package dev.berth.host;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What the MCP tools read from Podman (and the one image pull they make): documents as Podman reports them,
 * from a fixed set of subcommands with names always after {@code --}, never a caller-chosen command line.
 */
public interface PodmanInventory {

    /** Podman's JSON listing of that kind; an empty array when it printed nothing. */
    JsonNode list(PodmanListing kind) throws HostException;

    /** {@code podman container inspect} of one container. */
    JsonNode inspectContainer(String container) throws HostException;

    /** One resource-use sample of the running containers, or of one. */
    JsonNode stats(Optional<String> container) throws HostException;

    /** The last {@code lines} a container wrote, stdout's then stderr's. */
    List<String> logs(String container, int lines) throws HostException;

    /** Pulls an image into local storage; returns its image id. */
    String pull(String image) throws HostException;
}

package dev.berth.host;

import java.io.IOException;
import java.util.List;

/** Everything Berth asks of Podman; {@link PodmanCli} runs the podman command for it. */
public interface Podman extends PodmanSecretStore, PodmanHealthChecks, PodmanImages, PodmanInventory {

    /**
     * Starts {@code podman run} with its stdin and stdout as pipes to Berth, for a stdio MCP server in its
     * sandboxed container; the caller owns the process.
     *
     * @param runArguments the arguments after {@code podman}, starting with {@code run}
     */
    Process startAttached(List<String> runArguments) throws IOException;
}
